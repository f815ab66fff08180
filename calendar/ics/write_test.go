package ics

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/tzplan/tzplan/calendar"
)

var stamp = time.Date(2026, 3, 9, 8, 0, 0, 0, time.UTC)

func drawInvite(t *rapid.T, k int) Invite {
	text := rapid.StringOfN(rapid.SampledFrom([]rune("ab ,;:\\\"\nçé日本🙂\t\x01")), 0, 200, -1)
	addr := rapid.StringMatching(`[a-z0-9.+-]{1,20}@[a-z0-9-]{1,20}\.example`)
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(rapid.IntRange(0, 525600).Draw(t, fmt.Sprint("start", k))) * time.Minute)
	in := Invite{
		UID:         rapid.StringMatching(`[A-Za-z0-9@._-]{1,60}`).Draw(t, fmt.Sprint("uid", k)),
		Start:       start,
		End:         start.Add(time.Duration(rapid.IntRange(1, 600).Draw(t, fmt.Sprint("len", k))) * time.Minute),
		Summary:     text.Draw(t, fmt.Sprint("summary", k)),
		Description: text.Draw(t, fmt.Sprint("description", k)),
	}
	if rapid.Bool().Draw(t, fmt.Sprint("organizer", k)) {
		in.Organizer = Attendee{Address: addr.Draw(t, fmt.Sprint("orgAddr", k)), Name: text.Draw(t, fmt.Sprint("orgName", k))}
	}
	for j := range rapid.IntRange(0, 4).Draw(t, fmt.Sprint("attendees", k)) {
		in.Attendees = append(in.Attendees, Attendee{Address: addr.Draw(t, fmt.Sprint("addr", k, j)), Name: text.Draw(t, fmt.Sprint("name", k, j)),
			PartStat: rapid.SampledFrom([]string{"", "NEEDS-ACTION", "ACCEPTED"}).Draw(t, fmt.Sprint("partstat", k, j)),
			Role:     rapid.SampledFrom([]string{"", "REQ-PARTICIPANT", "OPT-PARTICIPANT"}).Draw(t, fmt.Sprint("role", k, j))})
	}
	return in
}

// What WriteInvites writes reads back, strictly, as the invites: times
// to the second, the title (its control characters but newlines left
// out), names (a double quote read as a single one), addresses, the
// attendees' PARTSTAT and ROLE; no line is longer than 75 octets and
// every line ends with CRLF.
func TestInvitesRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var invites []Invite
		for k := range rapid.IntRange(1, 3).Draw(t, "invites") {
			in := drawInvite(t, k)
			in.UID = fmt.Sprint(k, "-", in.UID) // one UID an invite
			invites = append(invites, in)
		}
		var b bytes.Buffer
		if err := WriteInvites(&b, "-//tzplan//test//EN", stamp, invites...); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		for _, l := range strings.SplitAfter(out, "\r\n") {
			if l == "" {
				continue
			}
			if !strings.HasSuffix(l, "\r\n") || len(l) > 77 || strings.ContainsAny(strings.TrimSuffix(l, "\r\n"), "\r\n") {
				t.Fatalf("line %q", l)
			}
		}
		c, err := Read(context.Background(), strings.NewReader(out), Options{Strict: true})
		if err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		window := calendar.Interval{Start: time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC)}
		events, err := c.Events(context.Background(), window, time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		if len(events) != len(invites) {
			t.Fatalf("%d events read, %d written\n%s", len(events), len(invites), out)
		}
		clean := func(s string) string {
			return strings.Map(func(r rune) rune {
				if r < ' ' && r != '\n' || r == 0x7f {
					return -1
				}
				return r
			}, s)
		}
		for _, e := range events {
			var in Invite
			for _, x := range invites {
				if x.UID == e.UID {
					in = x
				}
			}
			if !e.Start.Equal(in.Start) || !e.End.Equal(in.End) || e.Summary != clean(in.Summary) {
				t.Fatalf("read %+v\nwrote %+v\n%s", e, in, out)
			}
			if e.Organizer.Address != in.Organizer.Address || in.Organizer.Address != "" && e.Organizer.Name != cnValue(in.Organizer.Name) {
				t.Fatalf("organizer %+v, wrote %+v", e.Organizer, in.Organizer)
			}
			if len(e.Attendees) != len(in.Attendees) {
				t.Fatalf("attendees %+v, wrote %+v", e.Attendees, in.Attendees)
			}
			for j, a := range e.Attendees {
				w := in.Attendees[j]
				if a.Address != w.Address || a.Name != cnValue(w.Name) || a.PartStat != w.PartStat || a.Role != w.Role {
					t.Fatalf("attendee %+v, wrote %+v", a, w)
				}
			}
		}
	})
}

func TestWriteInvitesErrors(t *testing.T) {
	at := time.Date(2026, 3, 9, 12, 0, 0, 0, time.UTC)
	ok := Invite{UID: "a@x", Start: at, End: at.Add(time.Hour)}
	for _, c := range []struct {
		in   Invite
		want string
	}{
		{Invite{Start: at, End: at.Add(time.Hour)}, `invite 2 (""): a UID must be`},
		{Invite{UID: " a", Start: at, End: at.Add(time.Hour)}, `a UID must be`},
		{Invite{UID: "a", Start: at, End: at}, "end 2026-03-09T12:00:00Z is not after start"},
		{Invite{UID: "a", Start: at, End: at.Add(time.Hour), Attendees: []Attendee{{Address: "a b@x"}}}, `address "a b@x" has a space`},
		{Invite{UID: "a", Start: at, End: at.Add(time.Hour), Attendees: []Attendee{{Name: "nobody"}}}, "an attendee with no address"},
		{Invite{UID: "a,b", Start: at, End: at.Add(time.Hour)}, "a UID must be"},
		{Invite{UID: "a", Start: at, End: at.Add(500 * time.Millisecond)}, "is not after start"},
		{Invite{UID: "a", Start: time.Date(9999, 12, 31, 23, 0, 0, 0, time.UTC), End: time.Date(10000, 1, 1, 1, 0, 0, 0, time.UTC)}, "not within the years 1 to 9999"},
		{Invite{UID: "a", Start: at, End: at.Add(time.Hour), Attendees: []Attendee{{Address: `a\b@x`}}}, "a backslash"},
		{Invite{UID: "a", Start: at, End: at.Add(time.Hour), Attendees: []Attendee{{Address: "a\xffb@x"}}}, "not UTF-8"},
	} {
		var b bytes.Buffer
		err := WriteInvites(&b, "-//t//EN", stamp, ok, c.in)
		if err == nil || !strings.Contains(err.Error(), c.want) || b.Len() > 0 {
			t.Errorf("%+v: %v (wrote %d bytes), want %q", c.in, err, b.Len(), c.want)
		}
	}
}

// FuzzWriteInvites: any title, description and name writes a file that
// reads back strictly with the same title (but control characters).
func FuzzWriteInvites(f *testing.F) {
	f.Add("Weekly sync", "a, b; c\\n", "Ana \"A\" Souza")
	f.Add("", "\x00\r\n\xff", "日本語のタイトル🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂")
	f.Fuzz(func(t *testing.T, summary, description, name string) {
		at := time.Date(2026, 3, 9, 12, 0, 0, 0, time.UTC)
		in := Invite{UID: "u@x", Start: at, End: at.Add(time.Hour), Summary: summary, Description: description,
			Attendees: []Attendee{{Address: "a@x.example", Name: name}}}
		var b bytes.Buffer
		if err := WriteInvites(&b, "-//t//EN", stamp, in); err != nil {
			t.Fatal(err)
		}
		c, err := Read(context.Background(), &b, Options{Strict: true})
		if err != nil {
			t.Fatal(err)
		}
		events, err := c.Events(context.Background(), calendar.Interval{Start: at, End: at.Add(time.Hour)}, time.UTC)
		if err != nil || len(events) != 1 {
			t.Fatalf("%v %v", events, err)
		}
		want := strings.Map(func(r rune) rune {
			if r < ' ' && r != '\n' || r == 0x7f {
				return -1
			}
			return r
		}, strings.ToValidUTF8(strings.ReplaceAll(strings.ReplaceAll(summary, "\r\n", "\n"), "\r", "\n"), "\uFFFD"))
		if len(want) <= 1000 && events[0].Summary != want {
			t.Fatalf("summary %q, wrote %q", events[0].Summary, summary)
		}
	})
}
