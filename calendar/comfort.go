package calendar

import (
	"fmt"
	"strings"
	"time"
)

// Comfort says how a person's time outside working hours feels for a
// meeting, on their own wall clock. This is the one place its defaults
// live:
//
//   - the shoulder, DefaultShoulder (2 hours) before and after each
//     working span, is bearable at a cost that rises with the distance
//     from the working day;
//   - the night, DefaultNightFrom to DefaultNightTo (22:00-07:00), is for
//     sleep. Someone whose hours it would cut into gets it moved, by the
//     least that clears their hours (an early starter's night ends
//     earlier), and a night worker, whom no such move clears, the night
//     of the same length furthest from their hours (NightFor).
//
// The zero Comfort means the defaults; each field left zero means its
// default. A roster sets it per person; a meeting request (overlap) may
// set it for everyone who does not set their own.
type Comfort struct {
	// Shoulder is how long before and after each working span counts as
	// the shoulder; zero means DefaultShoulder. Whole minutes, at most
	// MaxShoulder.
	Shoulder time.Duration
	// Night is the span of each day the person sleeps, starting on that
	// day; the zero Span (00:00-00:00, which as hours would be a whole
	// day) means the default night. At most MaxNight long.
	Night Span
}

// The defaults of Comfort, the bounds of its fields, and how far NightFor
// moves the default night to clear someone's hours before it takes them
// for a night worker's.
const (
	DefaultShoulder  = 2 * time.Hour
	DefaultNightFrom = Clock(22 * 60)
	DefaultNightTo   = Clock(7 * 60)
	MaxShoulder      = 12 * time.Hour
	MaxNight         = 16 * time.Hour
	MaxNightMove     = 3 * time.Hour
	minutesPerDay    = int(EndOfDay)
)

// IsZero reports whether c sets nothing.
func (c Comfort) IsZero() bool { return c == Comfort{} }

// Or returns c with the fields it leaves zero taken from d: a person's
// own comfort over a request's.
func (c Comfort) Or(d Comfort) Comfort {
	if c.Shoulder == 0 {
		c.Shoulder = d.Shoulder
	}
	if c.Night == (Span{}) {
		c.Night = d.Night
	}
	return c
}

// ShoulderOrDefault returns c.Shoulder, or DefaultShoulder when it is
// zero.
func (c Comfort) ShoulderOrDefault() time.Duration {
	if c.Shoulder == 0 {
		return DefaultShoulder
	}
	return c.Shoulder
}

// NightFor returns the night of someone with comfort c and working hours
// h: c.Night when it is set; else the default night, unless it overlaps
// h's spans on the wall clock of some day. Then it is the default night
// moved by the least, on the quarter hour and at most MaxNightMove either
// way (earlier first on a tie), that overlaps none; failing that (a night
// worker), the span as long as the default night that keeps furthest
// from them, the first such start after the default's on a tie. Hours
// that leave no such span (work around the clock) keep the default.
func (c Comfort) NightFor(h WeeklyHours) Span {
	if c.Night != (Span{}) {
		return c.Night
	}
	def := Span{DefaultNightFrom, DefaultNightTo}
	// worked[m]: some day's span covers minute m of the day, on the wall
	// clock (a span past midnight wraps).
	var worked [minutesPerDay]bool
	some := false
	for _, spans := range h.days {
		for _, sp := range spans {
			for m := int(sp.From); m < sp.end(); m++ {
				worked[m%minutesPerDay], some = true, true
			}
		}
	}
	if !some {
		return def
	}
	length := def.end() - int(def.From)
	overlaps := func(from int) bool {
		for m := from; m < from+length; m++ {
			if worked[m%minutesPerDay] {
				return true
			}
		}
		return false
	}
	if !overlaps(int(def.From)) {
		return def
	}
	for move := 15; move <= int(MaxNightMove/time.Minute); move += 15 {
		for _, from := range []int{int(def.From) - move, int(def.From) + move} {
			from = (from + minutesPerDay) % minutesPerDay
			if !overlaps(from) {
				return spanOf(from, from+length)
			}
		}
	}
	// The distance, in minutes, from each minute of the day to the
	// nearest worked one, either way round the clock.
	var dist [minutesPerDay]int
	for m := range dist {
		dist[m] = minutesPerDay
	}
	for pass := 0; pass < 2; pass++ {
		for k := range 2 * minutesPerDay {
			m := k % minutesPerDay
			if pass == 1 {
				m = (2*minutesPerDay - 1 - k) % minutesPerDay
			}
			prev := (m + minutesPerDay - 1) % minutesPerDay
			if pass == 1 {
				prev = (m + 1) % minutesPerDay
			}
			switch {
			case worked[m]:
				dist[m] = 0
			default:
				dist[m] = min(dist[m], dist[prev]+1)
			}
		}
	}
	best, bestDist := -1, -1
	for k := 0; k < minutesPerDay; k += 15 {
		from := (int(def.From) + k) % minutesPerDay
		if overlaps(from) {
			continue
		}
		d := minutesPerDay
		for m := from; m < from+length; m++ {
			d = min(d, dist[m%minutesPerDay])
		}
		if d > bestDist {
			best, bestDist = from, d
		}
	}
	if best < 0 {
		return def
	}
	return spanOf(best, best+length)
}

// Check returns an error, naming the field ("shoulder ...", "night
// ..."), for a Comfort out of bounds.
func (c Comfort) Check() error {
	if c.Shoulder < 0 || c.Shoulder > MaxShoulder {
		return fmt.Errorf("shoulder %s is not from 0 to %s", c.Shoulder, MaxShoulder)
	}
	if c.Shoulder%time.Minute != 0 {
		return fmt.Errorf("shoulder %s is not a whole number of minutes", c.Shoulder)
	}
	if c.Night != (Span{}) {
		if !c.Night.From.IsValid() || !c.Night.To.IsValid() || c.Night.From == EndOfDay {
			return fmt.Errorf("night %s is not a span of a day", c.Night)
		}
		if c.Night.Length() > MaxNight {
			return fmt.Errorf("night %s is longer than %s", c.Night, MaxNight)
		}
	}
	return nil
}

// ParseSpan reads a span of a day's wall clock, "22:00-07:00" (see Span).
func ParseSpan(s string) (Span, error) {
	from, to, ok := strings.Cut(s, "-")
	if !ok {
		return Span{}, &ParseError{Func: "ParseSpan", Input: s, Part: s, Msg: "want a span HH:MM-HH:MM"}
	}
	f, err := parseClock("ParseSpan", s, strings.TrimSpace(from))
	if err != nil {
		return Span{}, err
	}
	t, err := parseClock("ParseSpan", s, strings.TrimSpace(to))
	if err != nil {
		return Span{}, err
	}
	if f == EndOfDay {
		return Span{}, &ParseError{Func: "ParseSpan", Input: s, Part: s, Msg: "a span cannot start at 24:00 (write 00:00)"}
	}
	return Span{f, t}, nil
}

// MarshalText writes sp as String does, for JSON.
func (sp Span) MarshalText() ([]byte, error) { return []byte(sp.String()), nil }

// UnmarshalText reads sp as ParseSpan does.
func (sp *Span) UnmarshalText(b []byte) error {
	v, err := ParseSpan(string(b))
	if err != nil {
		return err
	}
	*sp = v
	return nil
}
