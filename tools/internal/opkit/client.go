package opkit

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"
)

// Client calls the innonet API.
type Client struct {
	Base string
	HTTP *http.Client
}

// NewClient returns a client of base with a pool sized for conns concurrent requests.
func NewClient(base string, conns int) *Client {
	tr := &http.Transport{MaxIdleConns: conns, MaxIdleConnsPerHost: conns, IdleConnTimeout: 30 * time.Second}
	return &Client{Base: base, HTTP: &http.Client{Transport: tr, Timeout: 30 * time.Second}}
}

// Response is what came back.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// Decode unmarshals the body into v.
func (r *Response) Decode(v any) error {
	if err := json.Unmarshal(r.Body, v); err != nil {
		return fmt.Errorf("decoding a %d response: %w (%.200s)", r.Status, err, r.Body)
	}
	return nil
}

// Do sends one request; body, when not nil, is sent as JSON. A transport error is returned as an error.
func (c *Client) Do(ctx context.Context, method, path, token string, body any, header map[string]string) (*Response, error) {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return nil, err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.Base+path, rd)
	if err != nil {
		return nil, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	return &Response{Status: resp.StatusCode, Header: resp.Header, Body: b}, nil
}

// Expect is Do that also fails on a status other than want.
func (c *Client) Expect(ctx context.Context, want int, method, path, token string, body any, out any) (*Response, error) {
	r, err := c.Do(ctx, method, path, token, body, nil)
	if err != nil {
		return nil, err
	}
	if r.Status != want {
		return r, fmt.Errorf("%s %s: %d, want %d: %.300s", method, path, r.Status, want, r.Body)
	}
	if out != nil {
		return r, r.Decode(out)
	}
	return r, nil
}

// Account is a signed-in account of the tools.
type Account struct {
	Email, Password, Name, Kind string
	ID, MemberID                string
	Token                       string
}

// Register creates the account (with its draft profile) and signs in.
func (c *Client) Register(ctx context.Context, a *Account) error {
	var me struct {
		ID       string `json:"id"`
		MemberID string `json:"member_id"`
	}
	body := map[string]string{"email": a.Email, "password": a.Password, "name": a.Name, "kind": a.Kind}
	if _, err := c.Expect(ctx, http.StatusCreated, http.MethodPost, "/api/v1/auth/register", "", body, &me); err != nil {
		return err
	}
	a.ID, a.MemberID = me.ID, me.MemberID
	return c.Login(ctx, a)
}

// Login signs a in again (a new access token).
func (c *Client) Login(ctx context.Context, a *Account) error {
	var tp struct {
		AccessToken string `json:"access_token"`
	}
	body := map[string]string{"email": a.Email, "password": a.Password}
	if _, err := c.Expect(ctx, http.StatusOK, http.MethodPost, "/api/v1/auth/login", "", body, &tp); err != nil {
		return err
	}
	a.Token = tp.AccessToken
	if a.ID == "" {
		var me struct {
			ID       string `json:"id"`
			MemberID string `json:"member_id"`
		}
		if _, err := c.Expect(ctx, http.StatusOK, http.MethodGet, "/api/v1/auth/me", a.Token, nil, &me); err != nil {
			return err
		}
		a.ID, a.MemberID = me.ID, me.MemberID
	}
	return nil
}
