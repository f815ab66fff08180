package ics

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tzplan/tzplan/calendar"
)

// Options say how Read, ReadFile and the roster readers read. The zero
// Options read leniently.
type Options struct {
	// Strict makes every Problem an error: the first one found is
	// returned, and nothing is read. Without it, Read skips what it
	// cannot use, reads the rest, and lists what it skipped in
	// Calendar.Problems.
	Strict bool
	// Remote opens a calendar that a roster names by URL, a name with a
	// scheme such as "caldav+https://dav.example.com/calendars/ana/"
	// (package calendar/caldav opens those), once a name. Nil refuses such
	// names, saying so: a roster never reaches a server its reader did not
	// choose to let it reach.
	Remote func(ctx context.Context, name string) (Source, error)
}

// A Source is a calendar's busy time, holidays and events, as a Calendar
// gives them: what a roster's calendars are (Options.Remote's too), and
// what a meeting audit reads.
type Source interface {
	calendar.BusySource
	calendar.HolidaySource
	Events(ctx context.Context, window calendar.Interval, zone *time.Location) ([]Event, error)
}

// A Problem is something in the input that does not follow RFC 5545, or
// that tzplan does not support, and what reading did about it: one
// malformed event or line never loses the rest of a file. Problems are
// listed in the order of their lines.
type Problem struct {
	// Line is the line of the input where the problem is, from 1.
	Line int
	// UID is the UID of the event it is in, "" when there is none.
	UID string
	// What is where it is: the component, and the property when there
	// is one, such as `VEVENT "uid": DTEND`; "" for a line outside any.
	What string
	// Err is what is wrong. It quotes the input cut short and escaped.
	Err error
	// Done is what reading did about it, such as "the event is skipped".
	Done string
}

// String returns the problem as one line: "line 12: VEVENT "uid":
// DTEND: ...: the event is skipped".
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString("line " + strconv.Itoa(p.Line) + ": ")
	if p.What != "" {
		b.WriteString(p.What + ": ")
	}
	if p.Err != nil {
		b.WriteString(p.Err.Error())
	}
	if p.Done != "" {
		b.WriteString(": " + p.Done)
	}
	return b.String()
}

// maxProblems is the most problems a Calendar lists; past it, one more
// says how many were left out. A file can hold a million bad lines, and
// the first thousand say what is wrong with it as well.
const maxProblems = 1000

// problems gathers the problems of one read.
type problems struct {
	strict bool
	list   []Problem
	more   int // problems past maxProblems
	first  int // the line of the first of them
}

// add records the problem err (a *readError, or an error at line) of the
// event uid, and what was done about it. In strict reading it returns
// the error instead, to stop the read.
func (ps *problems) add(err error, uid, done string) error {
	if ps.strict {
		return err
	}
	p := Problem{UID: uid, Err: err, Done: done}
	if re, ok := err.(*readError); ok {
		p.Line, p.What, p.Err = re.line, re.what, re.err
	}
	if len(ps.list) == maxProblems {
		if ps.more == 0 || p.Line < ps.first {
			ps.first = p.Line
		}
		ps.more++
		return nil
	}
	ps.list = append(ps.list, p)
	return nil
}

// sorted returns the problems in the order of their lines.
func (ps *problems) sorted() []Problem {
	out := slices.Clone(ps.list)
	slices.SortStableFunc(out, func(a, b Problem) int { return cmp.Compare(a.Line, b.Line) })
	if ps.more > 0 {
		out = append(out, Problem{
			Line: ps.first,
			Err:  errMore(ps.more),
			Done: "they are handled as the ones above are, and not listed",
		})
	}
	return out
}

// errMore is the error of the problems not listed.
type errMore int

func (n errMore) Error() string {
	return strconv.Itoa(int(n)) + " more problems, from this line on"
}
