package ics

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/tzplan/tzplan/calendar"
)

// ReadRosterFile reads a roster file (calendar.ReadRosterWith) and the
// iCalendar files its people name in "calendars", paths relative to the
// roster file's directory (an absolute path is used as it is). Each file
// is read once, however many people name it, and becomes one of the
// person's Sources. An error reading a calendar file names the person and
// the file.
func ReadRosterFile(path string) (calendar.Roster, error) {
	f, err := os.Open(path)
	if err != nil {
		return calendar.Roster{}, fmt.Errorf("ics.ReadRosterFile: %w", err)
	}
	defer f.Close()
	dir := filepath.Dir(path)
	read := make(map[string]*Calendar)
	ro, err := calendar.ReadRosterWith(f, calendar.RosterOptions{
		OpenCalendar: func(name string) (calendar.BusySource, error) {
			p := filepath.FromSlash(name)
			if !filepath.IsAbs(p) {
				p = filepath.Join(dir, p)
			}
			if c, ok := read[p]; ok {
				return c, nil
			}
			c, err := ReadFile(p)
			if err != nil {
				return nil, err
			}
			read[p] = c
			return c, nil
		},
	})
	if err != nil {
		return calendar.Roster{}, fmt.Errorf("ics.ReadRosterFile: %q: %w", path, err)
	}
	return ro, nil
}
