// Command load is the load test of tzplan's HTTP service: many clients
// post one large suggest at once, for a while, and it prints the
// throughput and the latencies they saw.
//
//	go run ./examples/server/load                              the service in this process, on loopback
//	go run ./examples/server/load -url http://127.0.0.1:8080   a server already running
//	go run ./examples/server/load -clients 50 -duration 30s -cpuprofile cpu.out
//	go run ./examples/server/load -body > body.json            the request, to send with another tool
//
// Every client posts the same body to POST /api/v1/suggest: a team of
// -people built from -seed (spread over awkward zones, with working
// hours, focus blocks, holidays, time off and busy time), over -days days
// from Monday 2027-03-22, everyone required with a minimum attendance of
// 60%. One request goes first, and the load only starts if it has a
// suggestion (a few seeds make a team with no slot). A request counts as
// an error unless it is answered 200 with at least one suggestion. Its
// latency runs from sending the request to having read the whole answer.
// The command exits 1 if there was any error.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"log/slog"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
	_ "time/tzdata" // so that it runs where no zoneinfo is installed

	"github.com/tzplan/tzplan/examples/internal/service"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout)
	stop()
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
	case errors.Is(err, errFailed):
		os.Exit(1) // the summary has said what failed
	default:
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(2)
	}
}

// errFailed says that some requests failed.
var errFailed = errors.New("some requests failed")

// config is what the flags say.
type config struct {
	url        string
	clients    int
	duration   time.Duration
	people     int
	days       int
	seed       uint64
	timeout    time.Duration
	cpuprofile string
	printBody  bool
}

func parseFlags(args []string, out io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	fs.SetOutput(out)
	fs.StringVar(&c.url, "url", "", "a running server to load (e.g. http://127.0.0.1:8080); empty starts the service in this process on a loopback port")
	fs.IntVar(&c.clients, "clients", 200, "concurrent clients, each posting one request after another (e.g. 200)")
	fs.DurationVar(&c.duration, "duration", 10*time.Second, "how long the clients keep sending (e.g. 10s); requests under way then finish")
	fs.IntVar(&c.people, "people", 50, "the team's size (e.g. 50)")
	fs.IntVar(&c.days, "days", 14, "the window's length in days from Monday 2027-03-22 (e.g. 14)")
	fs.Uint64Var(&c.seed, "seed", 1, "the seed the team is built from (e.g. 1)")
	fs.DurationVar(&c.timeout, "timeout", time.Minute, "the longest a client waits for one answer (e.g. 1m; longer than the service's own limit, so that its 504 arrives)")
	fs.StringVar(&c.cpuprofile, "cpuprofile", "", "write a CPU profile of the run to this file (e.g. cpu.out; in-process, it covers the service too)")
	fs.BoolVar(&c.printBody, "body", false, "print the request body and exit (to replay it with another tool)")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	switch {
	case fs.NArg() > 0:
		return c, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	case c.clients < 1 || c.people < 1 || c.days < 1:
		return c, errors.New("-clients, -people and -days must be at least 1")
	case c.duration <= 0 || c.timeout <= 0:
		return c, errors.New("-duration and -timeout must be positive")
	}
	c.url = strings.TrimSuffix(c.url, "/")
	return c, nil
}

// run is the command: it returns errFailed, after the summary, if any
// request failed.
func run(ctx context.Context, args []string, stdout io.Writer) error {
	c, err := parseFlags(args, stdout)
	if err != nil {
		return err
	}
	body, err := json.Marshal(suggestBody(c.people, c.days, c.seed))
	if err != nil {
		return err
	}
	if c.printBody {
		_, err := fmt.Fprintf(stdout, "%s\n", body)
		return err
	}

	where := c.url
	var srv *server
	if where == "" {
		if srv, err = startServer(); err != nil {
			return err
		}
		defer srv.close()
		where = "http://" + srv.addr
	}
	target := where + "/api/v1/suggest"
	client := &http.Client{
		Timeout: c.timeout,
		Transport: &http.Transport{
			Proxy:       nil, // the server is measured, not a proxy
			DialContext: (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
			// As many idle connections as clients, so that each client
			// keeps its connection rather than dialling anew.
			MaxIdleConns:        c.clients,
			MaxIdleConnsPerHost: c.clients,
			IdleConnTimeout:     90 * time.Second,
		},
	}
	defer client.CloseIdleConnections()

	// One request first: a body the service refuses, or a team with no
	// slot, would make the whole run a list of the same error.
	first, err := preflight(ctx, client, target, body)
	if err != nil {
		return err
	}

	fmt.Fprintf(stdout, "tzplan load test: POST %s\n", target)
	if srv != nil {
		fmt.Fprintf(stdout, "  the service runs in this process: it shares the machine's %d CPUs with the load generator\n", runtime.NumCPU())
	}
	fmt.Fprintf(stdout, "  body: %d people, %d days from %s (%s), seed %d, %d bytes; answer %d bytes, %d suggestions, best %s with %d of %d present\n",
		c.people, c.days, windowFrom, viewZone, c.seed, len(body), first.bytes, first.suggestions, first.best, first.present, c.people)
	fmt.Fprintf(stdout, "  %d clients for %s\n", c.clients, c.duration)

	if c.cpuprofile != "" {
		f, err := os.Create(c.cpuprofile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	cpu0 := readCPU()
	res := hammer(ctx, client, target, body, c.clients, c.duration)
	cpu := readCPU().sub(cpu0)
	if srv != nil {
		res.add(srv.logged.result())
	}
	res.print(stdout)
	who, others := "load generator and service together", "other processes"
	if srv == nil {
		who, others = "load generator only", "other processes (the server's among them if it runs here)"
	}
	fmt.Fprintf(stdout, "go         %s %s/%s, GOMAXPROCS %d, %d CPUs\n", runtime.Version(), runtime.GOOS, runtime.GOARCH, runtime.GOMAXPROCS(0), runtime.NumCPU())
	cpu.print(stdout, who, others)
	if res.failed() {
		return errFailed
	}
	return nil
}

// The window and the viewer. The two weeks from Monday 2027-03-22 cross
// the clock changes that trip schedules up: Europe's, the UK's and the
// Azores' (Sunday 28 March, also Easter Sunday), Santiago's fall back at
// midnight, Lord Howe's half hour, Sydney's and Auckland's (4 April).
// The first week is also one in which the US has changed (14 March) and
// Europe has not, so US-Europe gaps are an hour shorter than usual; and
// Good Friday and Easter Monday are holidays in much of the team.
const (
	windowFrom = "2027-03-22"
	viewZone   = "Europe/Berlin"
)

// A zoneSpec is where some of the team live and how they work there.
type zoneSpec struct {
	name string
	// weight is how many of a team of 50 live there.
	weight int
	// holidays are the codes to choose from (calendar.HolidayCodes); none
	// where the library has no calendar.
	holidays []string
	// week is the working days, first to last; starts the usual start
	// times of a working day, in minutes.
	week   []time.Weekday
	starts []int
}

var (
	monFri = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
	sunFri = []time.Weekday{time.Sunday, time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
	satWed = []time.Weekday{time.Saturday, time.Sunday, time.Monday, time.Tuesday, time.Wednesday}
	early  = []int{7 * 60, 8 * 60, 8*60 + 30, 9 * 60}
	usual  = []int{8 * 60, 8*60 + 30, 9 * 60, 9*60 + 30, 10 * 60}
	late   = []int{9*60 + 30, 10 * 60, 10*60 + 30, 11 * 60}
)

// zones weigh 50 in all: most of the team in Europe, Africa and the
// Americas, so that 60% of them can meet, and the rest in the zones with
// odd offsets, odd weeks and odd rules.
var zones = []zoneSpec{
	{"Europe/Berlin", 8, []string{"DE-BE", "DE-BY"}, monFri, usual},
	{"America/New_York", 6, []string{"US"}, monFri, usual},
	{"Europe/London", 4, []string{"GB"}, monFri, usual},
	{"Europe/Dublin", 1, []string{"IE"}, monFri, usual}, // negative DST in the zone database
	{"Atlantic/Azores", 2, []string{"PT"}, monFri, usual},
	{"Africa/Casablanca", 2, nil, monFri, usual}, // an hour back during Ramadan
	{"America/Havana", 2, nil, monFri, early},    // changes at midnight
	{"America/Santiago", 3, nil, monFri, usual},
	{"America/Sao_Paulo", 3, []string{"BR"}, monFri, usual},
	{"America/Chicago", 2, []string{"US"}, monFri, early},
	{"America/St_Johns", 1, []string{"CA"}, monFri, usual}, // -03:30
	{"America/Los_Angeles", 2, []string{"US"}, monFri, early},
	{"Asia/Kolkata", 4, nil, monFri, late},                        // +05:30
	{"Asia/Kathmandu", 2, nil, sunFri, late},                      // +05:45, Saturday off
	{"Asia/Tehran", 1, nil, satWed, early},                        // +03:30, Saturday to Wednesday
	{"Australia/Lord_Howe", 1, []string{"AU-NSW"}, monFri, usual}, // a half-hour DST
	{"Australia/Sydney", 2, []string{"AU-NSW"}, monFri, usual},
	{"Pacific/Auckland", 1, []string{"NZ"}, monFri, usual},
	{"Asia/Tokyo", 1, []string{"JP"}, monFri, usual},
	{"Pacific/Apia", 1, nil, monFri, usual},       // +13, across the date line
	{"Pacific/Kiritimati", 1, nil, monFri, usual}, // +14
}

var (
	firstNames = []string{"Ana", "Ben", "Chidi", "Dana", "Emre", "Fatima", "Gus", "Hana", "Ines", "Jun", "Kofi", "Lena",
		"Mateo", "Nour", "Olga", "Priya", "Quinn", "Rafael", "Sofia", "Tariq", "Uma", "Viktor", "Wen", "Ximena", "Yusuf", "Zara"}
	lastNames = []string{"Okafor", "Raman", "Carter", "Souza", "Rojas", "Levi", "Reyes", "Walker", "Schmidt", "Haddad",
		"Tanaka", "Moreau", "Novak", "Shrestha", "Alvarez", "Kowalski", "Nguyen", "Byrne", "Tupou", "Ferreira"}
)

// The body of a suggest, and of the roster in it (the roster file's
// shape, calendar.ReadRoster).
type (
	body struct {
		Roster        roster  `json:"roster"`
		Zone          string  `json:"zone"`
		From          string  `json:"from"`
		To            string  `json:"to"`
		Duration      string  `json:"duration"`
		MinAttendance float64 `json:"minAttendance"`
	}
	roster struct {
		People []person `json:"people"`
	}
	person struct {
		ID       string    `json:"id"`
		Name     string    `json:"name"`
		Zone     string    `json:"zone"`
		Hours    string    `json:"hours"`
		Holidays []string  `json:"holidays,omitempty"`
		TimeOff  []timeOff `json:"timeOff,omitempty"`
		Focus    []focus   `json:"focus,omitempty"`
		Busy     []busy    `json:"busy,omitempty"`
	}
	timeOff struct {
		From   string `json:"from"`
		To     string `json:"to"`
		Reason string `json:"reason"`
	}
	focus struct {
		Name     string `json:"name"`
		Rule     string `json:"rule"`
		Start    string `json:"start"`
		Duration string `json:"duration"`
		Hard     bool   `json:"hard,omitempty"`
	}
	busy struct {
		Start time.Time `json:"start"`
		End   time.Time `json:"end"`
	}
)

// suggestBody asks for a 45-minute meeting of a team of n built from
// seed, over days days from windowFrom: everyone required, and 60% of
// them enough, as no slot on a team this wide has everyone.
func suggestBody(n, days int, seed uint64) body {
	from, _ := time.Parse(time.DateOnly, windowFrom)
	return body{
		Roster:        team(n, from, days, seed),
		Zone:          viewZone,
		From:          windowFrom,
		To:            from.AddDate(0, 0, days).Format(time.DateOnly),
		Duration:      "45m",
		MinAttendance: 0.6,
	}
}

// team builds n people, the same for the same arguments. Zones are dealt
// from a deck that holds each zone as many times as its weight, so that
// a team of 50 has exactly the weights and a smaller one a sample.
func team(n int, from time.Time, days int, seed uint64) roster {
	rng := rand.New(rand.NewPCG(seed, 0))
	var deck []int
	for i, z := range zones {
		for range z.weight {
			deck = append(deck, i)
		}
	}
	rng.Shuffle(len(deck), func(i, j int) { deck[i], deck[j] = deck[j], deck[i] })
	var r roster
	for i := range n {
		z := zones[deck[i%len(deck)]]
		// A stream a person, so that the first people of a larger team, or
		// of a longer window, are the same.
		r.People = append(r.People, member(rand.New(rand.NewPCG(seed, uint64(i)+1)), i, z, from, days))
	}
	return r
}

// member makes one person: working hours from the zone's usual ones,
// sometimes with a lunch break or a short last day, a holiday calendar
// where there is one, and now and then focus blocks and time off. Busy
// time is a daily stand-up for some, a weekly one-to-one and a few
// meetings a week, inside working hours, from the day before the window
// to the day after it (the zones are up to a day apart).
func member(rng *rand.Rand, i int, z zoneSpec, from time.Time, days int) person {
	loc, err := time.LoadLocation(z.name)
	if err != nil {
		panic(err) // the zones above are in the embedded database
	}
	p := person{
		ID:   fmt.Sprintf("p%02d", i+1),
		Name: firstNames[rng.IntN(len(firstNames))] + " " + lastNames[rng.IntN(len(lastNames))],
		Zone: z.name,
	}
	start := z.starts[rng.IntN(len(z.starts))]
	end := start + []int{8 * 60, 8*60 + 30, 9 * 60}[rng.IntN(3)]
	spans := clock(start) + "-" + clock(end)
	if rng.IntN(10) < 3 {
		spans = clock(start) + "-12:30," + "13:30-" + clock(end)
	}
	week := z.week
	if rng.IntN(10) < 2 {
		last := week[len(week)-1]
		p.Hours = dayRange(week[:len(week)-1]) + " " + spans + "; " + dayName(last) + " " + clock(start) + "-" + clock(start+5*60)
	} else {
		p.Hours = dayRange(week) + " " + spans
	}
	if len(z.holidays) > 0 {
		p.Holidays = []string{z.holidays[rng.IntN(len(z.holidays))]}
	}

	byDay := func(ds []time.Weekday) string {
		var codes []string
		for _, d := range ds {
			codes = append(codes, strings.ToUpper(dayName(d)[:2]))
		}
		return strings.Join(codes, ",")
	}
	// A date long before the window, on the first working day of the week.
	dtstart := func(at int) string {
		d := time.Date(2027, 1, 3, 0, 0, 0, 0, time.UTC) // a Sunday
		for d.Weekday() != week[0] {
			d = d.AddDate(0, 0, 1)
		}
		return d.Format(time.DateOnly) + "T" + clock(at)
	}
	switch rng.IntN(10) {
	case 0, 1:
		p.Focus = append(p.Focus, focus{Name: "no-meeting mornings", Rule: "FREQ=WEEKLY;BYDAY=" + byDay([]time.Weekday{week[0], week[2], week[4]}),
			Start: dtstart(start), Duration: "2h", Hard: rng.IntN(4) == 0})
	case 2:
		p.Focus = append(p.Focus, focus{Name: "deep work", Rule: "FREQ=DAILY;BYDAY=" + byDay(week),
			Start: dtstart(start + 60), Duration: "90m", Hard: rng.IntN(3) == 0})
	case 3:
		p.Focus = append(p.Focus, focus{Name: "review", Rule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=" + byDay(week[1:2]),
			Start: dtstart(end - 180), Duration: "3h", Hard: true})
	}
	if rng.IntN(10) == 0 {
		off := from.AddDate(0, 0, rng.IntN(days))
		p.TimeOff = []timeOff{{From: off.Format(time.DateOnly), To: off.AddDate(0, 0, rng.IntN(3)).Format(time.DateOnly),
			Reason: []string{"vacation", "conference", "moving house"}[rng.IntN(3)]}}
	}

	works := func(d time.Weekday) bool { return slices.Contains(week, d) }
	meet := func(day time.Time, at, minutes int) {
		s := time.Date(day.Year(), day.Month(), day.Day(), at/60, at%60, 0, 0, loc)
		p.Busy = append(p.Busy, busy{s.UTC(), s.Add(time.Duration(minutes) * time.Minute).UTC()})
	}
	standup := rng.IntN(10) < 4
	oneToOne, oneToOneAt := week[rng.IntN(len(week))], start+60+15*rng.IntN(4*4)
	for k := -1; k <= days; k++ {
		day := from.AddDate(0, 0, k)
		if !works(day.Weekday()) {
			continue
		}
		if standup {
			meet(day, start+30, 15)
		}
		if day.Weekday() == oneToOne {
			meet(day, oneToOneAt, 30)
		}
		if rng.IntN(10) < 4 {
			minutes := []int{30, 45, 60}[rng.IntN(3)]
			meet(day, start+15*rng.IntN((end-start-minutes)/15+1), minutes)
		}
	}
	return p
}

func clock(m int) string { return fmt.Sprintf("%02d:%02d", m/60, m%60) }

func dayName(d time.Weekday) string { return d.String()[:3] }

func dayRange(ds []time.Weekday) string {
	if len(ds) == 1 {
		return dayName(ds[0])
	}
	return dayName(ds[0]) + "-" + dayName(ds[len(ds)-1])
}

// A server is the service on a loopback port, with the settings of
// examples/server that bear on load.
type server struct {
	addr   string
	srv    *http.Server
	done   chan error
	logged *lineLog
}

func startServer() (*server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	logged := &lineLog{}
	s := &server{
		addr: ln.Addr().String(),
		srv: &http.Server{
			// The access log is written as examples/server writes it, so that
			// its cost is in the numbers, and dropped, so that it does not
			// bury the summary.
			Handler:           service.New(service.Options{Log: slog.New(slog.NewJSONHandler(io.Discard, nil))}),
			ReadHeaderTimeout: 10 * time.Second,
			ReadTimeout:       time.Minute,
			WriteTimeout:      service.DefaultTimeout + 10*time.Second,
			IdleTimeout:       2 * time.Minute,
			// What the server says of its connections (accept errors,
			// panics) is counted: the clients do not see it.
			ErrorLog: log.New(logged, "", 0),
		},
		done:   make(chan error, 1),
		logged: logged,
	}
	go func() { s.done <- s.srv.Serve(ln) }()
	return s, nil
}

func (s *server) close() {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	s.srv.Shutdown(ctx)
	<-s.done
}

// A lineLog counts the lines of a log.Logger and keeps the first few.
type lineLog struct {
	mu    sync.Mutex
	n     int
	first []string
}

func (l *lineLog) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.n++
	if len(l.first) < maxMessages {
		l.first = append(l.first, strings.TrimSpace(string(b)))
	}
	return len(b), nil
}

func (l *lineLog) result() result {
	l.mu.Lock()
	defer l.mu.Unlock()
	r := result{}
	if l.n > 0 {
		r.errors = map[string]int{"server log": l.n}
		for _, m := range l.first {
			r.messages = append(r.messages, "server log: "+m)
		}
	}
	return r
}

// firstAnswer describes the answer to the first request.
type firstAnswer struct {
	bytes, suggestions, present int
	best                        string
}

func preflight(ctx context.Context, client *http.Client, url string, body []byte) (firstAnswer, error) {
	var a firstAnswer
	b, status, err := post(ctx, client, url, body)
	if err != nil {
		return a, fmt.Errorf("the first request: %w", err)
	}
	var ans struct {
		Suggestions []struct {
			Start     time.Time `json:"start"`
			Attendees []struct {
				Present bool `json:"present"`
			} `json:"attendees"`
		} `json:"suggestions"`
	}
	if status != http.StatusOK {
		return a, fmt.Errorf("the first request: status %d: %s", status, bytes.TrimSpace(b))
	}
	if err := json.Unmarshal(b, &ans); err != nil {
		return a, fmt.Errorf("the first request: the answer is not a suggest's: %v", err)
	}
	if len(ans.Suggestions) == 0 {
		return a, fmt.Errorf("the first request: no suggestions for this team (try another -seed): %s", oneLine(b))
	}
	best := ans.Suggestions[0]
	a = firstAnswer{bytes: len(b), suggestions: len(ans.Suggestions), best: best.Start.UTC().Format(time.RFC3339)}
	for _, at := range best.Attendees {
		if at.Present {
			a.present++
		}
	}
	return a, nil
}

// post sends body and reads the whole answer.
func post(ctx context.Context, client *http.Client, url string, body []byte) ([]byte, int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return nil, 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return nil, 0, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, resp.StatusCode, fmt.Errorf("reading the answer: %w", err)
	}
	return b, resp.StatusCode, nil
}

func oneLine(b []byte) string {
	s := strings.Join(strings.Fields(string(b)), " ")
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

// maxMessages is how many error messages a summary quotes.
const maxMessages = 5

// A result is what clients saw: the latency of every answered request,
// and the errors by kind, with the first few messages.
type result struct {
	latencies []time.Duration
	requests  int
	errors    map[string]int
	messages  []string
	elapsed   time.Duration
}

func (r *result) fail(kind, msg string) {
	if r.errors == nil {
		r.errors = map[string]int{}
	}
	r.errors[kind]++
	if len(r.messages) < maxMessages {
		r.messages = append(r.messages, kind+": "+msg)
	}
}

func (r *result) add(o result) {
	r.latencies = append(r.latencies, o.latencies...)
	r.requests += o.requests
	for k, n := range o.errors {
		if r.errors == nil {
			r.errors = map[string]int{}
		}
		r.errors[k] += n
	}
	for _, m := range o.messages {
		if len(r.messages) < maxMessages {
			r.messages = append(r.messages, m)
		}
	}
}

func (r *result) failed() bool { return len(r.errors) > 0 }

// hammer runs clients goroutines that post body one request after
// another until d has passed (or ctx is done), then lets the requests
// under way finish.
func hammer(ctx context.Context, client *http.Client, url string, body []byte, clients int, d time.Duration) result {
	var stop atomic.Bool
	timer := time.AfterFunc(d, func() { stop.Store(true) })
	defer timer.Stop()
	defer context.AfterFunc(ctx, func() { stop.Store(true) })()
	results := make([]result, clients)
	var wg sync.WaitGroup
	start := time.Now()
	for i := range results {
		wg.Go(func() {
			r := &results[i]
			for !stop.Load() {
				r.requests++
				// Not ctx: an interrupt stops new requests, and those under way
				// finish rather than count as errors.
				t := time.Now()
				b, status, err := post(context.Background(), client, url, body)
				lat := time.Since(t)
				if err != nil {
					r.fail("transport", err.Error())
					continue
				}
				r.latencies = append(r.latencies, lat)
				check(r, status, b)
			}
		})
	}
	wg.Wait()
	var all result
	for _, r := range results {
		all.add(r)
	}
	all.elapsed = time.Since(start)
	return all
}

// check counts an answer that is not 200 with at least one suggestion.
func check(r *result, status int, b []byte) {
	if status != http.StatusOK {
		r.fail(fmt.Sprintf("status %d", status), oneLine(b))
		return
	}
	var ans struct {
		Suggestions []json.RawMessage `json:"suggestions"`
	}
	switch err := json.Unmarshal(b, &ans); {
	case err != nil:
		r.fail("not JSON", err.Error())
	case len(ans.Suggestions) == 0:
		r.fail("no suggestions", oneLine(b))
	}
}

func (r *result) print(w io.Writer) {
	slices.Sort(r.latencies)
	nerr := 0
	for _, n := range r.errors {
		nerr += n
	}
	fmt.Fprintf(w, "requests   %d in %s: %.1f req/s\n", r.requests, r.elapsed.Round(time.Millisecond), float64(r.requests)/r.elapsed.Seconds())
	fmt.Fprintf(w, "errors     %d", nerr)
	kinds := make([]string, 0, len(r.errors))
	for k := range r.errors {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	for i, k := range kinds {
		sep := ", "
		if i == 0 {
			sep = ": "
		}
		fmt.Fprintf(w, "%s%s %d", sep, k, r.errors[k])
	}
	fmt.Fprintln(w)
	for _, m := range r.messages {
		fmt.Fprintf(w, "           %s\n", m)
	}
	if len(r.latencies) == 0 {
		fmt.Fprintln(w, "latency    no answers")
		return
	}
	fmt.Fprintf(w, "latency    p50 %s  p90 %s  p99 %s  max %s  (%d answers, from sending to the whole answer read)\n",
		ms(percentile(r.latencies, 50)), ms(percentile(r.latencies, 90)), ms(percentile(r.latencies, 99)), ms(r.latencies[len(r.latencies)-1]), len(r.latencies))
}

// percentile is the nearest-rank p-th percentile of sorted: the smallest
// value that at least p% of them are at or below.
func percentile(sorted []time.Duration, p float64) time.Duration {
	rank := int(math.Ceil(p / 100 * float64(len(sorted))))
	return sorted[min(max(rank, 1), len(sorted))-1]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d)/float64(time.Millisecond)) }

// cpuTime is CPU time over a run. The Go runtime's estimate is portable
// (busy means a P was running, whether or not the machine gave it a CPU);
// where /proc is, the kernel's figures say how the machine's time went,
// between this process, the others and idleness, in clock ticks.
type cpuTime struct {
	total, idle, gc            float64 // the runtime's estimate, in seconds
	ticks, idleTicks, ownTicks float64 // the kernel's; zero without /proc
}

func readCPU() cpuTime {
	s := []metrics.Sample{{Name: "/cpu/classes/total:cpu-seconds"}, {Name: "/cpu/classes/idle:cpu-seconds"}, {Name: "/cpu/classes/gc/total:cpu-seconds"}}
	metrics.Read(s)
	var v [3]float64
	for i := range s {
		if s[i].Value.Kind() == metrics.KindFloat64 {
			v[i] = s[i].Value.Float64()
		}
	}
	c := cpuTime{total: v[0], idle: v[1], gc: v[2]}
	c.ticks, c.idleTicks, c.ownTicks = procStat()
	return c
}

// procStat reads the machine's CPU ticks (all, and idle) from /proc/stat
// and this process's from /proc/self/stat; zeros where there is no /proc.
func procStat() (all, idle, own float64) {
	machine, err1 := os.ReadFile("/proc/stat")
	self, err2 := os.ReadFile("/proc/self/stat")
	if err1 != nil || err2 != nil {
		return 0, 0, 0
	}
	// "cpu  user nice system idle iowait irq softirq steal ..."; guest
	// time is counted in user already.
	line, _, _ := strings.Cut(string(machine), "\n")
	f := strings.Fields(line)
	if len(f) < 9 || f[0] != "cpu" {
		return 0, 0, 0
	}
	for i, x := range f[1:9] {
		var n float64
		fmt.Sscan(x, &n)
		all += n
		if i == 3 || i == 4 {
			idle += n
		}
	}
	// utime and stime are the 14th and 15th fields, the 12th and 13th
	// after the command's name (which may hold spaces) in parentheses.
	_, rest, _ := strings.Cut(string(self), ") ")
	g := strings.Fields(rest)
	if len(g) < 13 {
		return 0, 0, 0
	}
	var u, st float64
	fmt.Sscan(g[11], &u)
	fmt.Sscan(g[12], &st)
	return all, idle, u + st
}

func (c cpuTime) sub(o cpuTime) cpuTime {
	return cpuTime{c.total - o.total, c.idle - o.idle, c.gc - o.gc, c.ticks - o.ticks, c.idleTicks - o.idleTicks, c.ownTicks - o.ownTicks}
}

// print writes where the CPU time went; who is what this process is,
// others what the other processes are.
func (c cpuTime) print(w io.Writer, who, others string) {
	gc := 0.0
	if busy := c.total - c.idle; busy > 0 {
		gc = 100 * c.gc / busy
	}
	if c.ticks > 0 {
		pct := func(x float64) float64 { return 100 * x / c.ticks }
		fmt.Fprintf(w, "cpu        of the machine's %d CPUs: this process (%s) %.0f%%, %s %.0f%%, idle %.0f%%; GC %.0f%% of this process's (the runtime's estimate)\n",
			runtime.NumCPU(), who, pct(c.ownTicks), others, pct(c.ticks-c.idleTicks-c.ownTicks), pct(c.idleTicks), gc)
		return
	}
	if c.total > 0 {
		fmt.Fprintf(w, "cpu        this process (%s) busy %.0f%% of its %d Ps, GC %.0f%% of that (the runtime's estimate)\n",
			who, 100*(c.total-c.idle)/c.total, runtime.GOMAXPROCS(0), gc)
	}
}
