package rolo

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"sync/atomic"
	"time"
)

// maxRetryAfter caps how long a Retry-After header can make the SDK wait.
const maxRetryAfter = 60 * time.Second

// request is one logical API call; send turns it into one or more HTTP attempts.
type request struct {
	method string
	path   string // below /api/v1, already escaped
	query  url.Values
	// json is the encoded JSON body, if any; stream opens a fresh non-JSON body per attempt.
	json        []byte
	stream      func() (io.ReadCloser, error)
	contentType string
	// noReplay marks a body that cannot be sent twice (a plain io.Reader upload): no retries.
	noReplay bool
	opts     []RequestOption
}

func newJSONRequest(method, path string, body any, opts []RequestOption) (*request, error) {
	r := &request{method: method, path: path, opts: opts}
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return nil, fmt.Errorf("rolo: encoding request body: %w", err)
		}
		r.json, r.contentType = b, "application/json"
	}
	return r, nil
}

// call sends a JSON request and decodes a JSON answer into out (nil: ignore the body).
func (c *Client) call(ctx context.Context, method, path string, query url.Values, body, out any, opts []RequestOption) error {
	r, err := newJSONRequest(method, path, body, opts)
	if err != nil {
		return err
	}
	r.query = query
	_, err = c.send(ctx, r, out, false)
	return err
}

// send is the one transport: build URL → send → retry → decode → map error. With wantStream it
// returns the body of a 2xx answer unread (the caller closes it); else it decodes into out.
func (c *Client) send(ctx context.Context, r *request, out any, wantStream bool) (io.ReadCloser, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	var cfg requestConfig
	for _, opt := range r.opts {
		opt(&cfg)
	}
	u := c.baseURL + apiPrefix + r.path
	if len(r.query) > 0 {
		u += "?" + r.query.Encode()
	}
	// One key per logical write, reused by every attempt, so a retry can never apply it twice.
	key := cfg.idempotencyKey
	if key == "" && r.method != http.MethodGet && r.method != http.MethodHead {
		key = newIdempotencyKey()
	}

	for attempt := 0; ; attempt++ {
		canRetry := attempt < c.maxRetries && !r.noReplay
		body, retryWait, err := c.attempt(ctx, r, u, key, cfg.header, out, wantStream)
		if err == nil {
			return body, nil
		}
		if !canRetry || retryWait < 0 {
			return nil, err
		}
		if retryWait == 0 {
			retryWait = c.backoff(attempt)
		}
		if err := sleep(ctx, retryWait); err != nil {
			return nil, err
		}
	}
}

// attempt sends one HTTP request. retryWait < 0 means "do not retry", 0 "retry after the
// default backoff", > 0 "retry after this long" (Retry-After).
func (c *Client) attempt(ctx context.Context, r *request, u, key string, extra http.Header, out any, wantStream bool) (io.ReadCloser, time.Duration, error) {
	actx, cancel := context.WithCancel(ctx)
	var timedOut int32
	stopTimer := func() bool { return true }
	if c.timeout > 0 {
		timer := time.AfterFunc(c.timeout, func() {
			atomic.StoreInt32(&timedOut, 1)
			cancel()
		})
		stopTimer = timer.Stop
	}
	done := func() { stopTimer(); cancel() }
	// failed classifies a transport error: the caller's ctx ends the call, everything else retries.
	failed := func(err error) (io.ReadCloser, time.Duration, error) {
		done()
		if ctx.Err() != nil {
			return nil, -1, ctx.Err()
		}
		var netErr net.Error
		if atomic.LoadInt32(&timedOut) == 1 {
			return nil, 0, &TimeoutError{Err: fmt.Errorf("attempt exceeded %s: %w", c.timeout, context.DeadlineExceeded)}
		}
		if errors.As(err, &netErr) && netErr.Timeout() {
			return nil, 0, &TimeoutError{Err: err}
		}
		return nil, 0, &ConnectionError{Err: err}
	}

	req, err := http.NewRequestWithContext(actx, r.method, u, nil)
	if err != nil {
		done()
		return nil, -1, fmt.Errorf("rolo: building request: %w", err)
	}
	switch {
	case r.json != nil:
		b := r.json
		req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }
		req.Body, _ = req.GetBody()
		req.ContentLength = int64(len(b))
	case r.stream != nil:
		if req.Body, err = r.stream(); err != nil {
			done()
			return nil, -1, fmt.Errorf("rolo: opening request body: %w", err)
		}
		if !r.noReplay {
			req.GetBody = r.stream
		}
	}
	for k, vs := range extra {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	if c.apiKey != "" {
		req.Header.Set("Authorization", "Bearer "+c.apiKey)
	}
	req.Header.Set("User-Agent", "rolo-go/"+Version)
	if req.Header.Get("Accept") == "" {
		req.Header.Set("Accept", "application/json")
	}
	if r.contentType != "" {
		req.Header.Set("Content-Type", r.contentType)
	}
	if key != "" {
		req.Header.Set("Idempotency-Key", key)
	}

	resp, err := c.httpClient.Do(req)
	if err != nil {
		return failed(err)
	}
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		if wantStream {
			// The attempt timeout covers waiting for the answer, not reading a long stream.
			stopTimer()
			return &cancelOnClose{ReadCloser: resp.Body, cancel: cancel}, 0, nil
		}
		data, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return failed(err)
		}
		done()
		if out != nil && resp.StatusCode != http.StatusNoContent && len(bytes.TrimSpace(data)) > 0 {
			if err := json.Unmarshal(data, out); err != nil {
				return nil, -1, fmt.Errorf("rolo: decoding %d answer of %s %s: %w", resp.StatusCode, r.method, r.path, err)
			}
		}
		return nil, 0, nil
	}

	// A failed answer: read what explains it, close it, and decide whether to try again.
	data, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	resp.Body.Close()
	done()
	apiErr := newAPIError(resp, data)
	if !retryable(apiErr) {
		return nil, -1, apiErr
	}
	return nil, retryAfter(resp.Header, time.Now()), apiErr
}

func retryable(e *Error) bool {
	// 409 idempotency_in_progress: the first attempt with this key still runs and its answer
	// comes shortly. Any other 409 is a conflict on the data and stays final.
	if e.StatusCode == http.StatusConflict {
		return e.Code == "idempotency_in_progress"
	}
	return e.StatusCode == http.StatusRequestTimeout || e.StatusCode == http.StatusTooManyRequests || e.StatusCode >= 500
}

// retryAfter reads Retry-After (seconds or an HTTP date), capped at 60 s; 0 when absent.
func retryAfter(h http.Header, now time.Time) time.Duration {
	v := h.Get("Retry-After")
	if v == "" {
		return 0
	}
	var d time.Duration
	if secs, err := strconv.ParseFloat(v, 64); err == nil {
		d = time.Duration(secs * float64(time.Second))
	} else if t, err := http.ParseTime(v); err == nil {
		d = t.Sub(now)
	} else {
		return 0
	}
	if d <= 0 {
		return time.Millisecond // "now": retry at once rather than fall back to the backoff
	}
	if d > maxRetryAfter {
		return maxRetryAfter
	}
	return d
}

// backoff is min(0.5 s · 2^attempt, 8 s), minus up to 25 % jitter.
func (c *Client) backoff(attempt int) time.Duration {
	d := c.maxBackoff
	if attempt < 16 {
		if b := c.minBackoff << uint(attempt); b < d {
			d = b
		}
	}
	return d - time.Duration(float64(d)*0.25*randomFraction())
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func randomFraction() float64 {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return 0.5
	}
	return float64(binary.BigEndian.Uint64(b[:])>>11) / (1 << 53)
}

// newIdempotencyKey returns a random UUID v4.
func newIdempotencyKey() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("rolo: crypto/rand failed: " + err.Error())
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

// cancelOnClose releases the attempt's context when the caller closes a streamed body.
type cancelOnClose struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (b *cancelOnClose) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}

// mergeExtra sets extra top-level keys on an encoded JSON object. Extra wins over a documented
// field of the same name, so it can also send what the typed fields cannot (e.g. null).
func mergeExtra(encoded []byte, extra map[string]any) ([]byte, error) {
	if len(extra) == 0 {
		return encoded, nil
	}
	fields := map[string]json.RawMessage{}
	if err := json.Unmarshal(encoded, &fields); err != nil {
		return nil, err
	}
	for k, v := range extra {
		b, err := json.Marshal(v)
		if err != nil {
			return nil, err
		}
		fields[k] = b
	}
	return json.Marshal(fields)
}

// addExtra sets extra query parameters on q, replacing a documented one of the same name.
func addExtra(q url.Values, extra url.Values) {
	for k, vs := range extra {
		q[k] = append([]string(nil), vs...)
	}
}
