package ics

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tzplan/tzplan/calendar"
)

// TestBusyBoundsTheOccurrencesOfACall: ten thousand daily events stay
// under the cap of each event, but not under the cap of a call: a year of
// them is an error that says so, not gigabytes.
func TestBusyBoundsTheOccurrencesOfACall(t *testing.T) {
	var b strings.Builder
	b.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//tzplan//test//EN\r\n")
	for i := range 10_000 {
		fmt.Fprintf(&b, "BEGIN:VEVENT\r\nUID:e%d\r\nDTSTART:20260101T%02d%02d00Z\r\nDURATION:PT1M\r\nRRULE:FREQ=DAILY\r\nEND:VEVENT\r\n", i, i%24, i%60)
	}
	b.WriteString("END:VCALENDAR\r\n")
	c, err := Read(context.Background(), strings.NewReader(b.String()), Options{})
	if err != nil {
		t.Fatal(err)
	}
	year := calendar.Interval{Start: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)}
	_, err = c.Busy(context.Background(), year, time.UTC)
	if !errors.Is(err, calendar.ErrTooManyOccurrences) || !errors.Is(err, calendar.ErrLimit) || !strings.Contains(err.Error(), "more than 500000 occurrences") {
		t.Errorf("Busy over a year: %v; want an error wrapping ErrTooManyOccurrences and ErrLimit", err)
	}
	// A day of them is fine: 10,000 occurrences.
	day := calendar.Interval{Start: year.Start, End: year.Start.Add(24 * time.Hour)}
	if _, err := c.Busy(context.Background(), day, time.UTC); err != nil {
		t.Errorf("Busy over a day: %v", err)
	}
}

// TestReadBoundsItsInput: an input larger than calendar.DefaultLimits().FileBytes is an error,
// read no further than the limit.
func TestReadBoundsItsInput(t *testing.T) {
	endless := io.MultiReader(strings.NewReader("BEGIN:VCALENDAR\r\n"), zeros{})
	_, err := Read(context.Background(), endless, Options{})
	if !errors.Is(err, calendar.ErrLimit) || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("Read of an endless input: %v; want an error wrapping calendar.ErrLimit", err)
	}
}

// zeros is an endless reader, like /dev/zero.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

func TestReadCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Read(ctx, strings.NewReader("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"), Options{})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Read with a cancelled context: %v", err)
	}
}

// sparseCountRules returns a calendar of 200 events whose rule matches
// only a Monday the 29th of February, counted to 50,000.
func sparseCountRules() string {
	var b strings.Builder
	b.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//tzplan//test//EN\r\n")
	for i := range 200 {
		fmt.Fprintf(&b, "BEGIN:VEVENT\r\nUID:s%d\r\nDTSTART:20260105T%02d0000Z\r\nDURATION:PT30M\r\nRRULE:FREQ=DAILY;COUNT=50000;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO\r\nEND:VEVENT\r\n", i, i%24)
	}
	b.WriteString("END:VCALENDAR\r\n")
	return b.String()
}

// TestSparseCountRulesReadAtOnce: 200 events whose rule matches only a
// Monday the 29th of February, counted to 50,000, used to cost a walk to
// year 9999 each when read; now a COUNT is counted only as far as a window
// asks. The first such Monday after 2026 is 2044-02-29.
func TestSparseCountRulesReadAtOnce(t *testing.T) {
	c, err := Read(context.Background(), strings.NewReader(sparseCountRules()), Options{})
	if err != nil {
		t.Fatal(err)
	}
	week := calendar.Interval{Start: time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 3, 16, 0, 0, 0, 0, time.UTC)}
	if s, err := c.Busy(context.Background(), week, time.UTC); err != nil || !s.IsEmpty() {
		t.Errorf("Busy in March 2026: %v, %v; want nothing", s, err)
	}
	leap := calendar.Interval{Start: time.Date(2044, 2, 29, 0, 0, 0, 0, time.UTC), End: time.Date(2044, 3, 1, 0, 0, 0, 0, time.UTC)}
	s, err := c.Busy(context.Background(), leap, time.UTC)
	if err != nil || s.Duration() != 24*30*time.Minute {
		t.Errorf("Busy on 2044-02-29: %s, %v; want half an hour at each of the 24 hours", s.Duration(), err)
	}
}

func TestFileBytesOnTheContext(t *testing.T) {
	tiny := calendar.WithLimits(context.Background(), calendar.Limits{FileBytes: 16})
	_, err := Read(tiny, strings.NewReader("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"), Options{})
	if !errors.Is(err, calendar.ErrLimit) || !strings.Contains(err.Error(), "Limits.FileBytes") {
		t.Errorf("a 31-byte calendar with a limit of 16 bytes: %v", err)
	}
}

// TestCountWalkingIsBoundedAFile: the 200 rules of
// TestSparseCountRulesReadAtOnce, asked for a week in 2900, would each
// walk 874 years, within the 1,000 of a walk; together they pass the
// file's 20,000, and Busy says so instead of walking 174,800 years.
func TestCountWalkingIsBoundedAFile(t *testing.T) {
	c, err := Read(context.Background(), strings.NewReader(sparseCountRules()), Options{})
	if err != nil {
		t.Fatal(err)
	}
	far := calendar.Interval{Start: time.Date(2900, 3, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2900, 3, 8, 0, 0, 0, 0, time.UTC)}
	_, err = c.Busy(context.Background(), far, time.UTC)
	if !errors.Is(err, calendar.ErrLimit) || !strings.Contains(err.Error(), "Limits.CountWalkYearsTotal") {
		t.Errorf("200 walks of 874 years: %v", err)
	}
	// Another file has a budget of its own.
	other, err := Read(context.Background(), strings.NewReader(sparseCountRules()), Options{})
	if err != nil {
		t.Fatal(err)
	}
	leap := calendar.Interval{Start: time.Date(2044, 2, 29, 0, 0, 0, 0, time.UTC), End: time.Date(2044, 3, 1, 0, 0, 0, 0, time.UTC)}
	if s, err := other.Busy(context.Background(), leap, time.UTC); err != nil || s.Duration() != 24*30*time.Minute {
		t.Errorf("the same rules from another file on 2044-02-29: %s, %v", s.Duration(), err)
	}
}

// TestReadMemoryIsAFewTimesItsInput: reading 60,000 one-off events (8 MB)
// takes a few times the input in heap at its peak, not the 17 times it
// took when every VCALENDAR was parsed whole into a tree before being
// read. Events this small (140 bytes) are the worst case: what is kept of
// each, with its summary for Events, is several times its text; an
// export with descriptions takes about twice its size. The heap is
// sampled while Read runs.
func TestReadMemoryIsAFewTimesItsInput(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 8 MB")
	}
	var b bytes.Buffer
	b.WriteString("BEGIN:VCALENDAR\r\n")
	for i := range 60_000 {
		fmt.Fprintf(&b, "BEGIN:VEVENT\r\nUID:e%d@example.com\r\nDTSTAMP:20250101T000000Z\r\nDTSTART:20260301T%02d0000Z\r\nDTEND:20260301T%02d3000Z\r\nSUMMARY:Event\r\nEND:VEVENT\r\n", i, i%20, i%20)
	}
	b.WriteString("END:VCALENDAR\r\n")
	data := b.Bytes()
	// The peak counts garbage the collector has not yet reached, which
	// depends on how busy the machine is: the least of three reads, each
	// with the collector kept close behind.
	growth := math.Inf(1)
	for range 3 {
		growth = min(growth, readGrowth(t, data))
	}
	t.Logf("%d bytes read; the heap grew by %.1f times that at its peak (the least of three)", len(data), growth)
	if growth > 12 {
		t.Errorf("reading %d bytes grew the heap by %.1f times that, want at most 12", len(data), growth)
	}
}

// readGrowth reads data and returns how many times its size the heap grew
// by at its peak, sampled while Read runs.
func readGrowth(t *testing.T, data []byte) float64 {
	t.Helper()
	// A collector kept close behind the allocations (GOGC 10): the peak
	// is then what Read keeps, not garbage a busy machine left lying.
	defer debug.SetGCPercent(debug.SetGCPercent(10))
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	heap := func() int64 {
		metrics.Read(sample)
		return int64(sample[0].Value.Uint64())
	}
	base := heap()
	done := make(chan struct{})
	peak := make(chan int64)
	go func() {
		var max int64
		for {
			max = slices.Max([]int64{max, heap()})
			select {
			case <-done:
				peak <- max
				return
			case <-time.After(100 * time.Microsecond):
			}
		}
	}()
	c, err := Read(context.Background(), bytes.NewReader(data), Options{})
	close(done)
	growth := float64(<-peak-base) / float64(len(data))
	if err != nil {
		t.Fatal(err)
	}
	runtime.KeepAlive(c)
	return growth
}
