package calendar

import "github.com/tzplan/tzplan/internal/icalvalue"

// A ParseError reports text that one of the package's parsers could not
// read. It names the parser, quotes the input and, where it can, the part
// of the input that is wrong. Error quotes them with %q cut to 60 bytes
// (with "..." after), so that the message stays short and free of raw
// control characters whatever the input; the fields hold them whole.
type ParseError struct {
	Func  string // the parser, such as "ParseClock"
	Input string // the text it was given
	Part  string // the offending part of Input; empty when it is all of it
	Msg   string // what is wrong
}

// Error returns the parser, the quoted input and part, and what is wrong:
// calendar.ParseClock("25:00"): after 24:00.
func (e *ParseError) Error() string {
	s := "calendar." + e.Func + "(" + icalvalue.Quote(e.Input) + "): "
	if e.Part != "" && e.Part != e.Input {
		s += icalvalue.Quote(e.Part) + ": "
	}
	return s + e.Msg
}
