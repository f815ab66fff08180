package ics

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/tzplan/tzplan/calendar"
)

// ReadRosterFile reads a roster file and the iCalendar files it names in
// "calendars" and "holidayCalendars", from the roster file's folder: it is
// ReadRosterFS with that folder as the root. The roster file itself must
// be a regular file of at most calendar.Limits.RosterBytes.
func ReadRosterFile(ctx context.Context, path string, opt Options) (calendar.Roster, error) {
	fail := func(err error) (calendar.Roster, error) {
		return calendar.Roster{}, fmt.Errorf("ics.ReadRosterFile: %q: %w", path, err)
	}
	root, err := os.OpenRoot(filepath.Dir(path))
	if err != nil {
		return fail(err)
	}
	defer root.Close()
	name := filepath.Base(path)
	if err := regularFile(root.FS(), name, calendar.LimitsOf(ctx).RosterBytes); err != nil {
		return fail(err)
	}
	f, err := root.Open(name)
	if err != nil {
		return fail(err)
	}
	defer f.Close()
	ro, err := readRoster(ctx, f, root.FS(), opt)
	if err != nil {
		return fail(err)
	}
	return ro, nil
}

// ReadRosterFS reads a roster (calendar.ReadRosterWith) and the iCalendar
// files it names in "calendars" and "holidayCalendars" (the roster's or a
// person's), as slash-separated paths inside fsys. Give it a root the roster may read, such as (*os.Root).FS() of
// the roster's folder: a name that leaves it ("../x", "/etc/x", or a link
// that points outside an os.Root) is refused, and so is anything but a
// regular file (a FIFO, a device) and a file larger than
// calendar.Limits.FileBytes (the limits are those of ctx).
// Each file is read once, however many people name it, as opt says, and
// becomes one of the person's Sources (or HolidaySources: see
// Calendar.Holidays), an *ics.Calendar whose Problems say what was
// skipped.
//
// An error about a calendar file names the person and the file, and never
// quotes the file's content, so that a roster cannot make the error show
// what a file it names holds: a file that does not read as iCalendar gives
// only the line at fault (ReadFile on the file says what is wrong). It is
// safe for rosters from untrusted sources, within fsys. The calendars'
// Problems, though, quote their files: show them only to whoever may see
// the files.
func ReadRosterFS(ctx context.Context, r io.Reader, fsys fs.FS, opt Options) (calendar.Roster, error) {
	ro, err := readRoster(ctx, r, fsys, opt)
	if err != nil {
		return calendar.Roster{}, fmt.Errorf("ics.ReadRosterFS: %w", err)
	}
	return ro, nil
}

func readRoster(ctx context.Context, r io.Reader, fsys fs.FS, opt Options) (calendar.Roster, error) {
	read := make(map[string]Source)
	open := func(ctx context.Context, name string) (Source, error) {
		if c, ok := read[name]; ok {
			return c, nil
		}
		var c Source
		var err error
		if strings.Contains(name, "://") {
			c, err = openRemote(ctx, name, opt)
		} else {
			c, err = readCalendarIn(ctx, fsys, name, opt)
		}
		if err != nil {
			return nil, err
		}
		read[name] = c
		return c, nil
	}
	return calendar.ReadRosterWith(ctx, r, calendar.RosterOptions{
		OpenCalendar: func(ctx context.Context, name string) (calendar.BusySource, error) {
			return open(ctx, name)
		},
		OpenHolidays: func(ctx context.Context, name string) (calendar.HolidaySource, error) {
			return open(ctx, name)
		},
	})
}

// openRemote opens a calendar named by URL with opt.Remote.
func openRemote(ctx context.Context, name string, opt Options) (Source, error) {
	if opt.Remote == nil {
		return nil, errors.New("a calendar on a server, which this reader of rosters does not open (ics.Options.Remote opens them)")
	}
	c, err := opt.Remote(ctx, name)
	if err == nil && c == nil {
		err = errors.New("ics.Options.Remote opened nothing")
	}
	return c, err
}

// readCalendarIn reads the iCalendar file name of fsys, for a roster.
func readCalendarIn(ctx context.Context, fsys fs.FS, name string, opt Options) (*Calendar, error) {
	if !fs.ValidPath(name) || name == "." {
		return nil, errors.New("not a path inside the roster's folder (want a relative path such as \"team/ana.ics\", without \"..\")")
	}
	max := calendar.LimitsOf(ctx).FileBytes
	if err := regularFile(fsys, name, max); err != nil {
		return nil, err
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := readAtMost(f, max)
	if err != nil {
		return nil, err
	}
	c, err := read(ctx, data, opt)
	if err != nil {
		if ctx.Err() != nil {
			return nil, err
		}
		var re *readError
		if errors.As(err, &re) && re.line > 0 {
			return nil, fmt.Errorf("not an iCalendar file that reads (line %d; ics.ReadFile says what is wrong)", re.line)
		}
		return nil, errors.New("not an iCalendar file that reads (ics.ReadFile says what is wrong)")
	}
	return c, nil
}

// regularFile checks that name in fsys is a regular file of at most max
// bytes, without opening it: opening a FIFO would wait for a writer.
func regularFile(fsys fs.FS, name string, max int64) error {
	info, err := fs.Stat(fsys, name)
	switch {
	case err != nil:
		return err
	case !info.Mode().IsRegular():
		return fmt.Errorf("not a regular file but %s", fileKind(info.Mode()))
	case info.Size() > max:
		return fmt.Errorf("%w: larger than %d bytes", calendar.ErrLimit, max)
	}
	return nil
}

// fileKind names the kind of a file that is not a regular one.
func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "a special file"
}
