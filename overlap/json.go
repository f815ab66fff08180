package overlap

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/internal/jsontext"
)

// The JSON of the report's results follows one convention (see the
// package tzplan): lower camelCase names, instants as RFC 3339 text in
// UTC, durations as Go duration text, intervals as {"start", "end"}.
// Unknown fields are errors when read.

// A spanJSON is the JSON mirror of a result type with an interval: its
// "start" and "end" are required.
type spanJSON interface {
	ends() (start, end *jsontext.Time)
}

func (j *segmentJSON) ends() (start, end *jsontext.Time)    { return j.Start, j.End }
func (j *suggestionJSON) ends() (start, end *jsontext.Time) { return j.Start, j.End }
func (j *dayJSON) ends() (start, end *jsontext.Time)        { return j.Start, j.End }
func (j *bucketJSON) ends() (start, end *jsontext.Time)     { return j.Start, j.End }

// decodeSpan decodes b strictly into j for the UnmarshalJSON method fn,
// and returns the interval of its "start" and "end".
func decodeSpan(b []byte, j spanJSON, fn string) (calendar.Interval, error) {
	if err := jsontext.Decode(b, j, fn); err != nil {
		return calendar.Interval{}, err
	}
	s, e := j.ends()
	start, end, err := jsontext.Ends(fn, s, e)
	if err != nil {
		return calendar.Interval{}, err
	}
	return calendar.Interval{Start: start, End: end}, nil
}

type suggestionJSON struct {
	Start     *jsontext.Time `json:"start"`
	End       *jsontext.Time `json:"end"`
	Score     float64        `json:"score"`
	Cost      Cost           `json:"cost"`
	Attendees []Attendance   `json:"attendees"`
	Items     any            `json:"items"` // written for readers; ignored when read
}

// String returns s as its interval, score, cost and attendees, such as
// "[start, end) score 3.67, 1 optional missing: ben free, ana off-hours
// (optional, absent)".
func (s Suggestion) String() string {
	out := fmt.Sprintf("%s score %.2f, %s:", s.Interval, s.Score, s.Cost)
	for i, a := range s.Attendees {
		if i > 0 {
			out += ","
		}
		out += " " + a.String()
	}
	return out
}

// String returns a as "ID status at local time", with "(optional,
// absent)" as they apply and what the attendee costs when it is
// something: "ana off-hours at 2026-03-09T08:00:00-03:00 (optional,
// absent, 1 optional missing)".
func (a Attendance) String() string {
	out := fmt.Sprintf("%s %s at %s", a.ID, a.Status, a.Local.Format(time.RFC3339))
	var notes []string
	if a.Optional {
		notes = append(notes, "optional")
	}
	if !a.Present {
		notes = append(notes, "absent")
	}
	if a.Cost != (Cost{}) {
		notes = append(notes, a.Cost.String())
	}
	if len(notes) > 0 {
		out += " (" + strings.Join(notes, ", ") + ")"
	}
	return out
}

// MarshalJSON implements json.Marshaler (see Suggestion).
func (s Suggestion) MarshalJSON() ([]byte, error) {
	att := s.Attendees
	if att == nil {
		att = []Attendance{}
	}
	start, end := jsontext.Time(s.Start), jsontext.Time(s.End)
	items := s.Items()
	if items == nil {
		items = []CostItem{}
	}
	return json.Marshal(suggestionJSON{&start, &end, s.Score, s.Cost, att, items})
}

// UnmarshalJSON implements json.Unmarshaler.
func (s *Suggestion) UnmarshalJSON(b []byte) error {
	var j suggestionJSON
	iv, err := decodeSpan(b, &j, "overlap.Suggestion.UnmarshalJSON")
	if err != nil {
		return err
	}
	*s = Suggestion{iv, jsontext.Nil(j.Attendees), j.Cost, j.Score}
	return nil
}

type costJSON struct {
	FocusBroken     jsontext.Duration `json:"focusBroken"`
	OffHours        jsontext.Duration `json:"offHours"`
	Shoulder        jsontext.Duration `json:"shoulder"`
	Late            jsontext.Duration `json:"late"`
	DayOff          jsontext.Duration `json:"dayOff"`
	Night           jsontext.Duration `json:"night"`
	Burden          jsontext.Duration `json:"burden"`
	Fragments       int               `json:"fragments"`
	OptionalMissing int               `json:"optionalMissing"`
	RequiredMissing int               `json:"requiredMissing"`
	Points          float64           `json:"points"` // written for readers; ignored when read
}

// String returns the cost in words: "costs nothing", or what it costs,
// such as "2 required missing, focus broken 1h, off-hours 30m".
func (c Cost) String() string {
	var parts []string
	if c.RequiredMissing > 0 {
		parts = append(parts, fmt.Sprintf("%d required missing", c.RequiredMissing))
	}
	if c.OptionalMissing > 0 {
		parts = append(parts, fmt.Sprintf("%d optional missing", c.OptionalMissing))
	}
	if c.FocusBroken > 0 {
		parts = append(parts, "focus broken "+jsontext.FormatDuration(c.FocusBroken))
	}
	if c.OffHours > 0 {
		var bands []string
		for b := BandShoulder; b <= BandNight; b++ {
			if t := *c.band(b); t > 0 {
				bands = append(bands, b.String()+" "+jsontext.FormatDuration(t))
			}
		}
		off := "off-hours " + jsontext.FormatDuration(c.OffHours)
		if len(bands) > 0 {
			off += " (" + strings.Join(bands, ", ") + "; burden " + jsontext.FormatDuration(c.Burden) + ")"
		}
		parts = append(parts, off)
	}
	switch {
	case c.Fragments == 1:
		parts = append(parts, "1 short fragment left")
	case c.Fragments > 1:
		parts = append(parts, fmt.Sprintf("%d short fragments left", c.Fragments))
	}
	if len(parts) == 0 {
		return "costs nothing"
	}
	return strings.Join(parts, ", ")
}

// MarshalJSON implements json.Marshaler (see Cost).
func (c Cost) MarshalJSON() ([]byte, error) {
	d := func(t time.Duration) jsontext.Duration { return jsontext.Duration(t) }
	return json.Marshal(costJSON{d(c.FocusBroken), d(c.OffHours), d(c.Shoulder), d(c.Late), d(c.DayOff), d(c.Night), d(c.Burden),
		c.Fragments, c.OptionalMissing, c.RequiredMissing, c.Points()})
}

// UnmarshalJSON implements json.Unmarshaler.
func (c *Cost) UnmarshalJSON(b []byte) error {
	var j costJSON
	if err := jsontext.Decode(b, &j, "overlap.Cost.UnmarshalJSON"); err != nil {
		return err
	}
	d := func(x jsontext.Duration) time.Duration { return time.Duration(x) }
	*c = Cost{FocusBroken: d(j.FocusBroken), OffHours: d(j.OffHours), Shoulder: d(j.Shoulder), Late: d(j.Late), DayOff: d(j.DayOff), Night: d(j.Night),
		Burden: d(j.Burden), Fragments: j.Fragments, OptionalMissing: j.OptionalMissing, RequiredMissing: j.RequiredMissing}
	return nil
}

type attendanceJSON struct {
	ID       string `json:"id"`
	Zone     string `json:"zone"`
	Status   Status `json:"status"`
	Band     Band   `json:"band"`
	Local    string `json:"local"`
	Optional bool   `json:"optional"`
	Present  bool   `json:"present"`
	Cost     Cost   `json:"cost"`
}

// MarshalJSON implements json.Marshaler (see Attendance).
func (a Attendance) MarshalJSON() ([]byte, error) {
	return json.Marshal(attendanceJSON{a.ID, a.Local.Location().String(), a.Status, a.Band, a.Local.Format(time.RFC3339Nano), a.Optional, a.Present, a.Cost})
}

// UnmarshalJSON implements json.Unmarshaler; "zone" must be an IANA name
// whose offset at that instant is the one "local" is written with.
func (a *Attendance) UnmarshalJSON(b []byte) error {
	const fn = "overlap.Attendance.UnmarshalJSON"
	var j attendanceJSON
	if err := jsontext.Decode(b, &j, fn); err != nil {
		return err
	}
	t, err := jsontext.ParseTime(j.Local)
	if err != nil {
		return fmt.Errorf("%s: local: %w", fn, err)
	}
	loc, err := calendar.LoadZone(j.Zone)
	if err != nil {
		return fmt.Errorf("%s: zone: %w", fn, err)
	}
	if _, off := t.Zone(); off != offsetAt(t, loc) {
		return fmt.Errorf("%s: local %q is not a wall time of %q", fn, j.Local, j.Zone)
	}
	*a = Attendance{ID: j.ID, Status: j.Status, Band: j.Band, Local: t.In(loc), Optional: j.Optional, Present: j.Present, Cost: j.Cost}
	return nil
}

func offsetAt(t time.Time, loc *time.Location) int {
	_, off := t.In(loc).Zone()
	return off
}

type rotationJSON struct {
	Slots      []Suggestion      `json:"slots"`
	Burden     []Burden          `json:"burden"`
	Max        jsontext.Duration `json:"max"`
	Spread     jsontext.Duration `json:"spread"`
	Total      jsontext.Duration `json:"total"`
	FairShare  bool              `json:"fairShare"`
	BestEffort bool              `json:"bestEffort"`
}

// MarshalJSON implements json.Marshaler: {"slots", "burden", "max",
// "spread", "total", "fairShare", "bestEffort"}.
func (r Rotation) MarshalJSON() ([]byte, error) {
	slots, burden := r.Slots, r.Burden
	if slots == nil {
		slots = []Suggestion{}
	}
	if burden == nil {
		burden = []Burden{}
	}
	return json.Marshal(rotationJSON{slots, burden, jsontext.Duration(r.Max), jsontext.Duration(r.Spread), jsontext.Duration(r.Total), r.FairShare, r.BestEffort})
}

// UnmarshalJSON implements json.Unmarshaler.
func (r *Rotation) UnmarshalJSON(b []byte) error {
	var j rotationJSON
	if err := jsontext.Decode(b, &j, "overlap.Rotation.UnmarshalJSON"); err != nil {
		return err
	}
	*r = Rotation{jsontext.Nil(j.Slots), jsontext.Nil(j.Burden), time.Duration(j.Max), time.Duration(j.Spread), time.Duration(j.Total), j.FairShare, j.BestEffort}
	return nil
}

type burdenJSON struct {
	ID           string            `json:"id"`
	Burden       jsontext.Duration `json:"burden"`
	Slots        int               `json:"slots"`
	Inconvenient int               `json:"inconvenient"`
}

// MarshalJSON implements json.Marshaler: {"id", "burden", "slots",
// "inconvenient"}.
func (b Burden) MarshalJSON() ([]byte, error) {
	return json.Marshal(burdenJSON{b.ID, jsontext.Duration(b.Burden), b.Slots, b.Inconvenient})
}

// UnmarshalJSON implements json.Unmarshaler.
func (b *Burden) UnmarshalJSON(data []byte) error {
	var j burdenJSON
	if err := jsontext.Decode(data, &j, "overlap.Burden.UnmarshalJSON"); err != nil {
		return err
	}
	*b = Burden{j.ID, time.Duration(j.Burden), j.Slots, j.Inconvenient}
	return nil
}

type dayJSON struct {
	Date        calendar.Date      `json:"date"`
	Start       *jsontext.Time     `json:"start"`
	End         *jsontext.Time     `json:"end"`
	Common      jsontext.Duration  `json:"common"`
	Longest     *calendar.Interval `json:"longest"`
	MostFree    int                `json:"mostFree"`
	MostFreeFor jsontext.Duration  `json:"mostFreeFor"`
}

// String returns d as its date, interval and sums, such as "2026-03-09
// [start, end): common 3h (longest [start, end)), at most 3 free for 3h".
func (d Day) String() string {
	s := fmt.Sprintf("%s %s: common %s", d.Date, d.Interval, jsontext.FormatDuration(d.Common))
	if !d.Longest.IsEmpty() {
		s += fmt.Sprintf(" (longest %s)", d.Longest)
	}
	return s + fmt.Sprintf(", at most %d free for %s", d.MostFree, jsontext.FormatDuration(d.MostFreeFor))
}

// MarshalJSON implements json.Marshaler: {"date", "start", "end",
// "common", "longest", "mostFree", "mostFreeFor"}, with "longest" null
// when there is no common time.
func (d Day) MarshalJSON() ([]byte, error) {
	start, end := jsontext.Time(d.Start), jsontext.Time(d.End)
	j := dayJSON{d.Date, &start, &end, jsontext.Duration(d.Common), nil, d.MostFree, jsontext.Duration(d.MostFreeFor)}
	if !d.Longest.IsEmpty() {
		j.Longest = &d.Longest
	}
	return json.Marshal(j)
}

// UnmarshalJSON implements json.Unmarshaler.
func (d *Day) UnmarshalJSON(b []byte) error {
	var j dayJSON
	iv, err := decodeSpan(b, &j, "overlap.Day.UnmarshalJSON")
	if err != nil {
		return err
	}
	*d = Day{Date: j.Date, Interval: iv,
		Common: time.Duration(j.Common), MostFree: j.MostFree, MostFreeFor: time.Duration(j.MostFreeFor)}
	if j.Longest != nil {
		d.Longest = *j.Longest
	}
	return nil
}

type bucketJSON struct {
	Date  calendar.Date  `json:"date"`
	Clock calendar.Clock `json:"clock"`
	Start *jsontext.Time `json:"start"`
	End   *jsontext.Time `json:"end"`
	Free  int            `json:"free"`
}

// MarshalJSON implements json.Marshaler (see Bucket).
func (b Bucket) MarshalJSON() ([]byte, error) {
	start, end := jsontext.Time(b.Start), jsontext.Time(b.End)
	return json.Marshal(bucketJSON{b.Date, b.Clock, &start, &end, b.Free})
}

// UnmarshalJSON implements json.Unmarshaler.
func (b *Bucket) UnmarshalJSON(data []byte) error {
	var j bucketJSON
	iv, err := decodeSpan(data, &j, "overlap.Bucket.UnmarshalJSON")
	if err != nil {
		return err
	}
	*b = Bucket{j.Date, j.Clock, iv, j.Free}
	return nil
}

// noSlotJSON is NoSlotError without its methods.
type noSlotJSON NoSlotError

// MarshalJSON implements json.Marshaler (see NoSlotError); "never" is []
// when it lists nobody.
func (e NoSlotError) MarshalJSON() ([]byte, error) {
	j := noSlotJSON(e)
	j.Never = jsontext.List(j.Never)
	return json.Marshal(j)
}

// UnmarshalJSON implements json.Unmarshaler.
func (e *NoSlotError) UnmarshalJSON(b []byte) error {
	var j noSlotJSON
	if err := jsontext.Decode(b, &j, "overlap.NoSlotError.UnmarshalJSON"); err != nil {
		return err
	}
	j.Never = jsontext.Nil(j.Never)
	*e = NoSlotError(j)
	return nil
}

type loadFiguresJSON struct {
	Meeting    jsontext.Duration `json:"meeting"`
	AfterHours jsontext.Duration `json:"afterHours"`
	Focus      jsontext.Duration `json:"focus"`
	Fragmented jsontext.Duration `json:"fragmented"`
	Meetings   int               `json:"meetings"`
}

func (f LoadFigures) toJSON() loadFiguresJSON {
	return loadFiguresJSON{jsontext.Duration(f.Meeting), jsontext.Duration(f.AfterHours), jsontext.Duration(f.Focus), jsontext.Duration(f.Fragmented), f.Meetings}
}

func (j loadFiguresJSON) figures() LoadFigures {
	return LoadFigures{time.Duration(j.Meeting), time.Duration(j.AfterHours), time.Duration(j.Focus), time.Duration(j.Fragmented), j.Meetings}
}

// MarshalJSON implements json.Marshaler: {"meeting", "afterHours",
// "focus", "fragmented", "meetings"}.
func (f LoadFigures) MarshalJSON() ([]byte, error) { return json.Marshal(f.toJSON()) }

// UnmarshalJSON implements json.Unmarshaler.
func (f *LoadFigures) UnmarshalJSON(b []byte) error {
	var j loadFiguresJSON
	if err := jsontext.Decode(b, &j, "overlap.LoadFigures.UnmarshalJSON"); err != nil {
		return err
	}
	*f = j.figures()
	return nil
}

type personLoadJSON struct {
	ID string `json:"id"`
	loadFiguresJSON
	Days []DayFocus `json:"days"`
}

// MarshalJSON implements json.Marshaler: {"id", the figures of
// LoadFigures, "days"}.
func (p PersonLoad) MarshalJSON() ([]byte, error) {
	return json.Marshal(personLoadJSON{p.ID, p.LoadFigures.toJSON(), jsontext.List(p.Days)})
}

// UnmarshalJSON implements json.Unmarshaler.
func (p *PersonLoad) UnmarshalJSON(b []byte) error {
	var j personLoadJSON
	if err := jsontext.Decode(b, &j, "overlap.PersonLoad.UnmarshalJSON"); err != nil {
		return err
	}
	*p = PersonLoad{j.ID, j.figures(), jsontext.Nil(j.Days)}
	return nil
}

type dayFocusJSON struct {
	Date    calendar.Date     `json:"date"`
	Longest jsontext.Duration `json:"longest"`
}

// MarshalJSON implements json.Marshaler: {"date", "longest"}.
func (d DayFocus) MarshalJSON() ([]byte, error) {
	return json.Marshal(dayFocusJSON{d.Date, jsontext.Duration(d.Longest)})
}

// UnmarshalJSON implements json.Unmarshaler.
func (d *DayFocus) UnmarshalJSON(b []byte) error {
	var j dayFocusJSON
	if err := jsontext.Decode(b, &j, "overlap.DayFocus.UnmarshalJSON"); err != nil {
		return err
	}
	*d = DayFocus{j.Date, time.Duration(j.Longest)}
	return nil
}

type loadJSON struct {
	People []PersonLoad `json:"people"`
	Team   LoadFigures  `json:"team"`
}

// MarshalJSON implements json.Marshaler: {"people", "team"}.
func (l Load) MarshalJSON() ([]byte, error) {
	return json.Marshal(loadJSON{jsontext.List(l.People), l.Team})
}

// UnmarshalJSON implements json.Unmarshaler.
func (l *Load) UnmarshalJSON(b []byte) error {
	var j loadJSON
	if err := jsontext.Decode(b, &j, "overlap.Load.UnmarshalJSON"); err != nil {
		return err
	}
	*l = Load{jsontext.Nil(j.People), j.Team}
	return nil
}
