// Package rolo is the official Go client for the Rolo contacts API.
//
//	client := rolo.NewClient("sk_live_…")
//	contact, err := client.Contacts.Create(ctx, &rolo.CreateContactParams{Email: "jane@example.com"})
//
// Every method takes a context (cancellation and deadlines) and optional per-request options
// such as WithIdempotencyKey. Failures are *Error values (API errors) or *ConnectionError /
// *TimeoutError; test them with errors.Is(err, rolo.ErrNotFound) and friends.
package rolo

import (
	"net/http"
	"os"
	"strings"
	"time"
)

// Version is the SDK version sent in the User-Agent header.
const Version = "0.1.0"

const (
	defaultBaseURL    = "http://localhost:3000"
	defaultMaxRetries = 2
	defaultTimeout    = 60 * time.Second
	apiPrefix         = "/api/v1"
)

// Client talks to one Rolo server with one API key. It is safe for concurrent use.
type Client struct {
	// Contacts holds the contact endpoints, with Contacts.Imports and Contacts.Bulk.
	Contacts *ContactsService
	// Segments holds the saved segment endpoints.
	Segments *SegmentsService
	// Webhooks holds the webhook endpoints and their delivery logs.
	Webhooks *WebhooksService

	apiKey     string
	baseURL    string
	httpClient *http.Client
	maxRetries int
	timeout    time.Duration

	// Backoff bounds and the job polling interval; unexported so tests can shorten them.
	minBackoff   time.Duration
	maxBackoff   time.Duration
	pollInterval time.Duration
}

// Option configures a Client in NewClient.
type Option func(*Client)

// WithBaseURL sets the server's origin, e.g. "https://rolo.example.com" (the SDK adds /api/v1).
// The default is ROLO_BASE_URL, else http://localhost:3000.
func WithBaseURL(u string) Option { return func(c *Client) { c.baseURL = u } }

// WithHTTPClient sets the *http.Client that sends requests (proxies, TLS, transports).
func WithHTTPClient(h *http.Client) Option { return func(c *Client) { c.httpClient = h } }

// WithMaxRetries sets how often a failed request is retried (default 2; 0 disables retries).
func WithMaxRetries(n int) Option { return func(c *Client) { c.maxRetries = n } }

// WithTimeout sets the timeout of each attempt (default 60 s). The context bounds the whole call.
func WithTimeout(d time.Duration) Option { return func(c *Client) { c.timeout = d } }

// NewClient returns a client. An empty apiKey reads ROLO_API_KEY.
func NewClient(apiKey string, opts ...Option) *Client {
	if apiKey == "" {
		apiKey = os.Getenv("ROLO_API_KEY")
	}
	c := &Client{
		apiKey:       apiKey,
		baseURL:      os.Getenv("ROLO_BASE_URL"),
		httpClient:   http.DefaultClient,
		maxRetries:   defaultMaxRetries,
		timeout:      defaultTimeout,
		minBackoff:   500 * time.Millisecond,
		maxBackoff:   8 * time.Second,
		pollInterval: 500 * time.Millisecond,
	}
	for _, opt := range opts {
		opt(c)
	}
	if c.baseURL == "" {
		c.baseURL = defaultBaseURL
	}
	// Accept an origin with or without the API prefix, so both documented spellings work.
	c.baseURL = strings.TrimSuffix(strings.TrimRight(c.baseURL, "/"), apiPrefix)
	if c.httpClient == nil {
		c.httpClient = http.DefaultClient
	}
	if c.maxRetries < 0 {
		c.maxRetries = 0
	}
	c.Contacts = &ContactsService{
		client:  c,
		Imports: &ImportsService{client: c},
		Bulk:    &BulkService{client: c},
	}
	c.Segments = &SegmentsService{client: c}
	c.Webhooks = &WebhooksService{client: c}
	return c
}

// RequestOption changes one call, e.g. client.Contacts.Create(ctx, p, rolo.WithIdempotencyKey(k)).
type RequestOption func(*requestConfig)

type requestConfig struct {
	idempotencyKey string
	header         http.Header
}

// WithIdempotencyKey sends this Idempotency-Key instead of the one the SDK generates per call.
// Reusing a key within 24 hours replays the first response instead of repeating the write.
func WithIdempotencyKey(key string) RequestOption {
	return func(r *requestConfig) { r.idempotencyKey = key }
}

// WithHeader adds a header to one request.
func WithHeader(key, value string) RequestOption {
	return func(r *requestConfig) {
		if r.header == nil {
			r.header = http.Header{}
		}
		r.header.Add(key, value)
	}
}

// String returns a pointer to v, for optional fields such as UpdateContactParams.FirstName.
func String(v string) *string { return &v }

// Bool returns a pointer to v, so that false can be sent.
func Bool(v bool) *bool { return &v }

// Int returns a pointer to v, so that 0 can be sent.
func Int(v int) *int { return &v }

// StringValue returns *p, or "" when p is nil (nullable response fields are pointers).
func StringValue(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// IntValue returns *p, or 0 when p is nil (counts that may be absent, such as Segment.Count).
func IntValue(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}
