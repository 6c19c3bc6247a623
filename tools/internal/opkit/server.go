package opkit

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"syscall"
	"time"
)

// Server is one bin/innonet serve process on a loopback port.
type Server struct {
	// Bin is the innonet binary, Data its data dir, Host the loopback host to listen on.
	Bin, Data, Host string
	// Args are extra flags for serve; Env extra environment variables (KEY=VALUE).
	Args, Env []string
	// Log receives the server's stdout and stderr; nil discards them.
	Log *os.File

	// Addr is host:port once started.
	Addr string
	cmd  *exec.Cmd
	done chan error
}

// CheckLoopback refuses any host that is not a loopback address: the tools never generate traffic elsewhere.
func CheckLoopback(host string) error {
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("host %q is not a loopback address: these tools only run against 127.0.0.1, ::1 or localhost", host)
}

// FreePort returns a port that was free on host a moment ago.
func FreePort(host string) (int, error) {
	l, err := net.Listen("tcp", net.JoinHostPort(host, "0"))
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// Start runs serve on a fresh port and waits until /readyz answers 200 (the store answers and the index has
// caught up), or until wait has passed.
func (s *Server) Start(ctx context.Context, wait time.Duration) error {
	if s.Host == "" {
		s.Host = "127.0.0.1"
	}
	if err := CheckLoopback(s.Host); err != nil {
		return err
	}
	port, err := FreePort(s.Host)
	if err != nil {
		return err
	}
	s.Addr = net.JoinHostPort(s.Host, fmt.Sprint(port))
	args := append([]string{"serve", "--addr", s.Addr, "--data", s.Data}, s.Args...)
	s.cmd = exec.Command(s.Bin, args...)
	s.cmd.Env = append(os.Environ(), s.Env...)
	if s.Log != nil {
		s.cmd.Stdout, s.cmd.Stderr = s.Log, s.Log
	}
	if err := s.cmd.Start(); err != nil {
		return err
	}
	s.done = make(chan error, 1)
	go func() { s.done <- s.cmd.Wait() }()
	return s.waitReady(ctx, wait)
}

// URL is the server's base URL.
func (s *Server) URL() string { return "http://" + s.Addr }

func (s *Server) waitReady(ctx context.Context, wait time.Duration) error {
	deadline := time.Now().Add(wait)
	c := &http.Client{Timeout: 2 * time.Second}
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, s.URL()+"/readyz", nil)
		if resp, err := c.Do(req); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case err := <-s.done:
			s.done <- err
			return fmt.Errorf("innonet serve exited before it was ready: %v", err)
		case <-ctx.Done():
			s.Kill()
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			s.Kill()
			return fmt.Errorf("innonet serve on %s was not ready within %v", s.Addr, wait)
		}
	}
}

// Kill ends the server with SIGKILL (kill -9) and waits for it to be gone.
func (s *Server) Kill() {
	if s.cmd == nil || s.cmd.Process == nil {
		return
	}
	_ = s.cmd.Process.Signal(syscall.SIGKILL)
	<-s.done
	s.done <- errors.New("killed")
	s.cmd = nil
}

// Stop ends the server with SIGTERM (a graceful shutdown, which also writes INNONET_CPU_PROFILE) and waits up
// to wait before killing it.
func (s *Server) Stop(wait time.Duration) error {
	if s.cmd == nil || s.cmd.Process == nil {
		return nil
	}
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-s.done:
		s.cmd = nil
		return err
	case <-time.After(wait):
		s.Kill()
		return fmt.Errorf("innonet serve did not stop within %v after SIGTERM; killed", wait)
	}
}

// PID is the server's process id, or 0 when it is not running.
func (s *Server) PID() int {
	if s.cmd == nil || s.cmd.Process == nil {
		return 0
	}
	return s.cmd.Process.Pid
}
