// Command server serves tzplan's planner as a web page and an HTTP API on
// loopback, on the embedded demo team or any roster a client sends:
//
//	go run ./examples/server                 http://127.0.0.1:8080/
//	go run ./examples/server -addr :9000     on every interface, port 9000
//
// The API is POST /api/v1/{availability, overlap, suggest, rotate, advise,
// audit, holidays, ics} with a JSON body, described at
// /api/v1/openapi.json. Each request is bounded by -timeout and
// -max-body. It writes a JSON access log to stderr and, on SIGINT or
// SIGTERM, stops taking requests and lets those under way finish (for at
// most -grace) before it exits.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
	_ "time/tzdata" // so that it runs where no zoneinfo is installed

	"github.com/tzplan/tzplan/examples/internal/service"
)

func main() {
	log := slog.New(slog.NewJSONHandler(os.Stderr, nil))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// After the first signal, a second one ends the process at once.
	context.AfterFunc(ctx, stop)
	if err := run(ctx, os.Args[1:], log); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return
		}
		stop()
		log.Error("server", "error", err.Error())
		os.Exit(2)
	}
}

// run serves until ctx is done (a signal), then shuts down gracefully.
func run(ctx context.Context, args []string, log *slog.Logger) error {
	fs := flag.NewFlagSet("server", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8080", "the address to listen on (host:port; port 0 picks a free one)")
	timeout := fs.Duration("timeout", service.DefaultTimeout, "the longest a request may take (e.g. 10s)")
	maxBody := fs.Int64("max-body", service.DefaultMaxBody, "the largest request body, in bytes (e.g. 1048576)")
	inFlight := fs.Int("max-in-flight", 0, "the most requests computed at once, the others waiting their turn (e.g. 8); default: four per CPU")
	grace := fs.Duration("grace", 0, "on SIGINT or SIGTERM, how long requests under way may take to finish, e.g. 1m; default: -timeout and 5s more")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if *timeout <= 0 || *maxBody <= 0 || *grace < 0 || *inFlight < 0 {
		return errors.New("-timeout and -max-body must be positive, -grace and -max-in-flight zero or more")
	}
	if *grace == 0 {
		*grace = *timeout + 5*time.Second // long enough for any request to finish
	}
	// Requests run under base, which ends if they outlast the grace, so
	// that they stop and answer 503 rather than be cut off.
	base, stopRequests := context.WithCancel(context.Background())
	defer stopRequests()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           service.New(service.Options{Timeout: *timeout, MaxBody: *maxBody, MaxInFlight: *inFlight, Log: log}),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       time.Minute,
		// Longer than a request may take, so that a 504 reaches its client.
		WriteTimeout: *timeout + 10*time.Second,
		IdleTimeout:  2 * time.Minute,
		BaseContext:  func(net.Listener) context.Context { return base },
		ErrorLog:     slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	log.Info("listening", "url", "http://"+ln.Addr().String()+"/")
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down", "grace", grace.String())
	sctx, cancel := context.WithTimeout(context.Background(), *grace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		log.Warn("the grace is over: stopping the requests still under way", "grace", grace.String())
		stopRequests()
		last, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		if err := srv.Shutdown(last); err != nil {
			srv.Close()
		}
	}
	<-served // http.ErrServerClosed
	log.Info("stopped")
	return nil
}
