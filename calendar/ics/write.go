package ics

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tzplan/tzplan/internal/icalvalue"
)

// An Invite is a meeting to write as an iCalendar VEVENT (WriteInvites):
// a suggested or rotated slot that people import into their calendars.
type Invite struct {
	// UID names the event for good: importing an invite with the UID of
	// one already imported updates it rather than adding another. It must
	// not be empty.
	UID string
	// Start and End are the meeting's bounds, written in UTC; End must be
	// after Start.
	Start, End time.Time
	// Summary is the title and Description a longer text; either may be
	// empty, and each may hold any text (it is escaped).
	Summary, Description string
	// Organizer and Attendees are written as ORGANIZER and ATTENDEE
	// (with CN, PARTSTAT and ROLE when set); an empty Organizer Address
	// writes none.
	Organizer Attendee
	Attendees []Attendee
}

// WriteInvites writes a VCALENDAR with one VEVENT per invite to w, a
// calendar to import (no METHOD: it sends no invitation of itself), as RFC 5545 has it: CRLF line endings, lines folded at 75
// octets (never inside a UTF-8 character), TEXT values escaped, times in
// UTC, and DTSTAMP the stamp given (the time the invites are made, in
// UTC). prodID names the program ("-//Example Corp//Planner//EN"). A
// double quote in a name is written as a single quote, which a parameter
// value cannot hold, and a backslash as a slash, and a name is cut to 256
// bytes; control characters are left out of every value but a TEXT's
// newlines. An invite with no UID, an End not after its Start,
// or an address with a control character or a space is an error that
// names the invite, and nothing is written. Times are written to the
// second (truncated).
func WriteInvites(w io.Writer, prodID string, stamp time.Time, invites ...Invite) error {
	for i, in := range invites {
		if err := in.check(); err != nil {
			return fmt.Errorf("ics.WriteInvites: invite %d (%s): %w", i+1, icalvalue.Quote(in.UID), err)
		}
	}
	if prodID == "" {
		return errors.New("ics.WriteInvites: no PRODID")
	}
	b := bufio.NewWriter(w)
	line := func(name, value string) { writeFolded(b, name+value) }
	line("BEGIN:", "VCALENDAR")
	line("VERSION:", "2.0")
	line("PRODID:", cleanText(prodID))
	line("CALSCALE:", "GREGORIAN")
	for _, in := range invites {
		line("BEGIN:", "VEVENT")
		line("UID:", cleanText(in.UID)) // read as it is, not as TEXT
		line("DTSTAMP:", utcStamp(stamp))
		line("DTSTART:", utcStamp(in.Start.Truncate(time.Second)))
		line("DTEND:", utcStamp(in.End.Truncate(time.Second)))
		if in.Summary != "" {
			line("SUMMARY:", escapeText(in.Summary))
		}
		if in.Description != "" {
			line("DESCRIPTION:", escapeText(in.Description))
		}
		if in.Organizer.Address != "" {
			line("ORGANIZER", params(in.Organizer, false)+":mailto:"+in.Organizer.Address)
		}
		for _, a := range in.Attendees {
			line("ATTENDEE", params(a, true)+":mailto:"+a.Address)
		}
		line("END:", "VEVENT")
	}
	line("END:", "VCALENDAR")
	return b.Flush()
}

// check reports what makes an invite unwritable.
func (in Invite) check() error {
	start, end := in.Start.UTC().Truncate(time.Second), in.End.UTC().Truncate(time.Second)
	switch {
	case in.UID == "" || strings.TrimSpace(cleanText(in.UID)) != in.UID || strings.ContainsAny(in.UID, `\;,`):
		return errors.New("a UID must be text with no control characters, backslash, semicolon or comma, and no spaces at its ends")
	case start.Year() < 1 || end.Year() > 9999:
		return fmt.Errorf("%s to %s is not within the years 1 to 9999", start.Format(time.RFC3339), end.Format(time.RFC3339))
	case !end.After(start):
		return fmt.Errorf("end %s is not after start %s (to the second)", end.Format(time.RFC3339), start.Format(time.RFC3339))
	}
	for _, a := range append([]Attendee{in.Organizer}, in.Attendees...) {
		if !utf8.ValidString(a.Address) || strings.ContainsFunc(a.Address, func(r rune) bool { return r <= ' ' || r == 0x7f || r == '"' || r == '\\' }) {
			return fmt.Errorf("address %s has a space, a quote, a backslash, a control character or bytes that are not UTF-8", icalvalue.Quote(a.Address))
		}
	}
	for _, a := range in.Attendees {
		if a.Address == "" {
			return errors.New("an attendee with no address")
		}
	}
	return nil
}

// params writes an ORGANIZER's or ATTENDEE's parameters: CN, and for an
// attendee PARTSTAT and ROLE, each when set.
func params(a Attendee, attendee bool) string {
	var b strings.Builder
	if name := cnValue(a.Name); name != "" {
		b.WriteString(`;CN="` + name + `"`)
	}
	if attendee {
		if v := paramToken(a.PartStat); v != "" {
			b.WriteString(";PARTSTAT=" + v)
		}
		if v := paramToken(a.Role); v != "" {
			b.WriteString(";ROLE=" + v)
		}
	}
	return b.String()
}

// cnValue is a name as a CN parameter holds it: no control characters,
// no double quote (a single one instead), no backslash (a slash: readers
// differ on whether one escapes), no spaces at its ends.
func cnValue(name string) string {
	v := strings.TrimSpace(strings.NewReplacer(`"`, "'", `\`, "/").Replace(cleanText(name)))
	for len(v) > maxParamValue {
		_, size := utf8.DecodeLastRuneInString(v)
		v = strings.TrimSpace(v[:len(v)-size])
	}
	return v
}

// paramToken keeps the letters, digits and hyphens of a parameter value
// such as NEEDS-ACTION, upper-cased.
func paramToken(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z':
			return r - 'a' + 'A'
		case r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-':
			return r
		}
		return -1
	}, s)
}

// utcStamp writes t as a UTC DATE-TIME: 20260309T120000Z.
func utcStamp(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

// cleanText drops control characters and makes the text valid UTF-8.
func cleanText(s string) string {
	return strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f {
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}

// escapeText escapes a TEXT value (RFC 5545 §3.3.11): backslash,
// semicolon, comma and newline; other control characters are left out.
func escapeText(s string) string {
	var b strings.Builder
	for _, r := range strings.ToValidUTF8(strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n"), "\uFFFD") {
		switch {
		case r == '\\' || r == ';' || r == ',':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r < ' ' || r == 0x7f:
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// writeFolded writes a content line, folded so that no line is longer
// than 75 octets, never splitting a UTF-8 character, and ends it with
// CRLF.
func writeFolded(b *bufio.Writer, s string) {
	const max = 75
	n := 0 // octets on the current line
	for len(s) > 0 {
		_, size := utf8.DecodeRuneInString(s)
		if n+size > max {
			b.WriteString("\r\n ")
			n = 1
		}
		b.WriteString(s[:size])
		n += size
		s = s[size:]
	}
	b.WriteString("\r\n")
}
