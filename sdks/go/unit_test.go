package rolo

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// fake is a scripted server: each request is recorded and answered by the next handler.
type fake struct {
	t        *testing.T
	mu       sync.Mutex
	handlers []http.HandlerFunc
	requests []recorded
	srv      *httptest.Server
}

type recorded struct {
	Method, Path string
	RawPath      string // as sent, still escaped
	Query        url.Values
	Header       http.Header
	Body         []byte
}

func newFake(t *testing.T, handlers ...http.HandlerFunc) *fake {
	f := &fake{t: t, handlers: handlers}
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		f.mu.Lock()
		n := len(f.requests)
		f.requests = append(f.requests, recorded{r.Method, r.URL.Path, r.URL.EscapedPath(), r.URL.Query(), r.Header.Clone(), body})
		f.mu.Unlock()
		if n >= len(f.handlers) {
			t.Errorf("unexpected request %d: %s %s", n+1, r.Method, r.URL)
			w.WriteHeader(http.StatusTeapot)
			return
		}
		f.handlers[n](w, r)
	}))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fake) client(opts ...Option) *Client {
	c := NewClient("sk_test_123", append([]Option{WithBaseURL(f.srv.URL)}, opts...)...)
	c.minBackoff, c.maxBackoff, c.pollInterval = time.Millisecond, 5*time.Millisecond, time.Millisecond
	return c
}

func (f *fake) got() []recorded {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]recorded(nil), f.requests...)
}

func reply(status int, body string, headers ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		for i := 0; i+1 < len(headers); i += 2 {
			w.Header().Set(headers[i], headers[i+1])
		}
		if body != "" && w.Header().Get("Content-Type") == "" {
			w.Header().Set("Content-Type", "application/json")
		}
		w.WriteHeader(status)
		io.WriteString(w, body)
	}
}

const contactJSON = `{"id":"con_1","object":"contact","email":"jane@example.com","phone":null,"first_name":"Jane","last_name":null,
"name":"Jane","status":"subscribed","suppressed":false,"suppressed_reason":null,"email_ok":true,"sms_ok":true,"whatsapp_ok":true,
"voice_ok":true,"tags":["vip"],"metadata":{"plan":"pro"},"source":"api","created_at":"2026-04-12T10:30:00.000Z","updated_at":"2026-04-12T10:30:00.000Z"}`

func envelope(code, message, requestID string) string {
	return fmt.Sprintf(`{"error":{"code":%q,"message":%q,"request_id":%q}}`, code, message, requestID)
}

func TestUnitRetryAfter429ThenSuccess(t *testing.T) {
	f := newFake(t,
		reply(429, envelope("rate_limited", "Too many requests", "req_a"), "Retry-After", "1"),
		reply(200, contactJSON),
	)
	start := time.Now()
	c, err := f.client().Contacts.Get(context.Background(), "con_1")
	if err != nil {
		t.Fatal(err)
	}
	if elapsed := time.Since(start); elapsed < 900*time.Millisecond {
		t.Fatalf("retried after %s; Retry-After asked for 1 s", elapsed)
	}
	if c.ID != "con_1" || StringValue(c.Email) != "jane@example.com" || c.Phone != nil || c.Metadata["plan"] != "pro" {
		t.Fatalf("decoded %+v", c)
	}
	if n := len(f.got()); n != 2 {
		t.Fatalf("%d requests, want 2", n)
	}
}

func TestUnitRetryAfterParsing(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	cases := map[string]time.Duration{
		"":     0,
		"2":    2 * time.Second,
		"0.5":  500 * time.Millisecond,
		"3600": maxRetryAfter,
		now.Add(5 * time.Second).Format(http.TimeFormat): 5 * time.Second,
		now.Add(-time.Hour).Format(http.TimeFormat):      time.Millisecond,
		"soon": 0,
	}
	for value, want := range cases {
		h := http.Header{}
		if value != "" {
			h.Set("Retry-After", value)
		}
		if got := retryAfter(h, now); got != want {
			t.Errorf("Retry-After %q: %s, want %s", value, got, want)
		}
	}
}

func TestUnitBackoffIsExponentialCappedWithJitter(t *testing.T) {
	c := NewClient("k")
	for attempt, want := range []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 8 * time.Second, 8 * time.Second} {
		for i := 0; i < 20; i++ {
			got := c.backoff(attempt)
			if got > want || got < want*3/4 {
				t.Fatalf("backoff(%d) = %s, want within [%s, %s]", attempt, got, want*3/4, want)
			}
		}
	}
	if got := c.backoff(100); got > 8*time.Second {
		t.Fatalf("backoff(100) = %s", got)
	}
}

func TestUnitRetries503WithSameIdempotencyKey(t *testing.T) {
	f := newFake(t,
		reply(503, envelope("internal_error", "down", "req_1")),
		reply(503, envelope("internal_error", "down", "req_2")),
		reply(201, contactJSON),
	)
	_, err := f.client().Contacts.Create(context.Background(), &CreateContactParams{Email: "jane@example.com", FirstName: "Jane"})
	if err != nil {
		t.Fatal(err)
	}
	reqs := f.got()
	if len(reqs) != 3 {
		t.Fatalf("%d requests, want 3", len(reqs))
	}
	key := reqs[0].Header.Get("Idempotency-Key")
	if len(key) != 36 {
		t.Fatalf("Idempotency-Key %q is not a UUID", key)
	}
	for i, r := range reqs {
		if got := r.Header.Get("Idempotency-Key"); got != key {
			t.Fatalf("attempt %d sent key %q, want %q", i+1, got, key)
		}
		if string(r.Body) != `{"email":"jane@example.com","first_name":"Jane"}` {
			t.Fatalf("attempt %d sent body %s", i+1, r.Body)
		}
	}
}

func TestUnitEachCallGetsItsOwnIdempotencyKey(t *testing.T) {
	f := newFake(t, reply(201, contactJSON), reply(201, contactJSON), reply(200, contactJSON))
	c := f.client()
	ctx := context.Background()
	for i := 0; i < 2; i++ {
		if _, err := c.Contacts.Create(ctx, &CreateContactParams{Email: "a@example.com"}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := c.Contacts.Get(ctx, "con_1"); err != nil {
		t.Fatal(err)
	}
	reqs := f.got()
	if reqs[0].Header.Get("Idempotency-Key") == reqs[1].Header.Get("Idempotency-Key") {
		t.Fatal("two calls shared an Idempotency-Key")
	}
	if k := reqs[2].Header.Get("Idempotency-Key"); k != "" {
		t.Fatalf("GET sent Idempotency-Key %q", k)
	}
}

func TestUnitCallerIdempotencyKeyWins(t *testing.T) {
	f := newFake(t, reply(500, envelope("internal_error", "x", "req_1")), reply(200, `{"created":1,"updated":0,"failed":0,"results":[{"index":0,"id":"con_1","status":"created"}]}`))
	res, err := f.client().Contacts.BatchUpsert(context.Background(),
		&BatchUpsertParams{Contacts: []ContactInput{{Email: "jane@example.com", FirstName: "Jane"}}},
		WithIdempotencyKey("my-key-1"))
	if err != nil {
		t.Fatal(err)
	}
	if res.Created != 1 || len(res.Results) != 1 || StringValue(res.Results[0].ID) != "con_1" {
		t.Fatalf("result %+v", res)
	}
	for _, r := range f.got() {
		if k := r.Header.Get("Idempotency-Key"); k != "my-key-1" {
			t.Fatalf("sent key %q, want the caller's", k)
		}
	}
}

func TestUnitAttemptTimeoutIsRetriedThenReported(t *testing.T) {
	slow := func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(2 * time.Second):
		}
	}
	f := newFake(t, slow, reply(200, contactJSON))
	c, err := f.client(WithTimeout(50*time.Millisecond)).Contacts.Get(context.Background(), "con_1")
	if err != nil || c.ID != "con_1" {
		t.Fatalf("want the retry to succeed, got %v %v", c, err)
	}

	f = newFake(t, slow, slow)
	start := time.Now()
	_, err = f.client(WithTimeout(50*time.Millisecond), WithMaxRetries(1)).Contacts.Get(context.Background(), "con_1")
	var te *TimeoutError
	if !errors.As(err, &te) || !errors.Is(err, ErrTimeout) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("want a *TimeoutError, got %T %v", err, err)
	}
	if errors.Is(err, ErrConnection) {
		t.Fatal("a timeout must not look like a connection error")
	}
	if len(f.got()) != 2 || time.Since(start) > 1500*time.Millisecond {
		t.Fatalf("%d attempts in %s", len(f.got()), time.Since(start))
	}
}

func TestUnitContextCancelStopsRetrying(t *testing.T) {
	f := newFake(t, reply(503, envelope("internal_error", "x", "req_1"), "Retry-After", "30"))
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := f.client().Contacts.Get(ctx, "con_1")
	if !errors.Is(err, context.DeadlineExceeded) || errors.Is(err, ErrTimeout) {
		t.Fatalf("want the context's error, got %T %v", err, err)
	}
	if time.Since(start) > 2*time.Second {
		t.Fatalf("the retry sleep ignored ctx: %s", time.Since(start))
	}
}

func TestUnitConnectionError(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	base := srv.URL
	srv.Close()
	c := NewClient("k", WithBaseURL(base), WithMaxRetries(1))
	c.minBackoff = time.Millisecond
	_, err := c.Contacts.Get(context.Background(), "con_1")
	var ce *ConnectionError
	if !errors.As(err, &ce) || !errors.Is(err, ErrConnection) {
		t.Fatalf("want a *ConnectionError, got %T %v", err, err)
	}
}

func TestUnitHTML502IsServerError(t *testing.T) {
	html := "<html><body><h1>502 Bad Gateway</h1></body></html>"
	f := newFake(t, reply(502, html, "Content-Type", "text/html"))
	_, err := f.client(WithMaxRetries(0)).Contacts.List(context.Background(), nil)
	var apiErr *Error
	if !errors.As(err, &apiErr) {
		t.Fatalf("want *Error, got %T %v", err, err)
	}
	if apiErr.StatusCode != 502 || apiErr.Code != "" || apiErr.Message != "Bad Gateway" || apiErr.Body != html {
		t.Fatalf("error %+v", apiErr)
	}
	if !errors.Is(err, ErrServer) || errors.Is(err, ErrNotFound) {
		t.Fatal("a 502 must match ErrServer only")
	}
}

func TestUnitErrorEnvelopeWithRequestID(t *testing.T) {
	f := newFake(t,
		reply(404, envelope("not_found", "Contact not found", "req_404"), "X-Request-Id", "req_404"),
		reply(400, `{"error":{"code":"validation_error","message":"The request is invalid","details":[{"path":"email","message":"Must be a valid email address"}],"request_id":"req_400"}}`),
		reply(409, `{"error":{"code":"conflict","message":"taken","existing_id":"con_9","request_id":"req_409"}}`),
		reply(401, envelope("unauthorized", "bad key", "req_401")),
	)
	c := f.client()
	ctx := context.Background()

	_, err := c.Contacts.Get(ctx, "con_missing")
	var apiErr *Error
	if !errors.As(err, &apiErr) || !errors.Is(err, ErrNotFound) || apiErr.RequestID != "req_404" || apiErr.Code != "not_found" {
		t.Fatalf("404: %#v", err)
	}
	if !strings.Contains(err.Error(), "req_404") {
		t.Fatalf("message %q lacks the request id", err)
	}

	_, err = c.Contacts.Create(ctx, &CreateContactParams{Email: "nope"})
	if !errors.As(err, &apiErr) || !errors.Is(err, ErrValidation) || !errors.Is(err, ErrBadRequest) || apiErr.RequestID != "req_400" {
		t.Fatalf("400: %#v", err)
	}
	details, _ := apiErr.Details.([]any)
	if len(details) != 1 || details[0].(map[string]any)["path"] != "email" {
		t.Fatalf("details %#v", apiErr.Details)
	}

	_, err = c.Contacts.Create(ctx, &CreateContactParams{Email: "a@example.com"})
	if !errors.As(err, &apiErr) || !errors.Is(err, ErrConflict) || apiErr.ExistingID != "con_9" {
		t.Fatalf("409: %#v", err)
	}

	_, err = c.Contacts.Get(ctx, "con_1")
	if !errors.Is(err, ErrUnauthorized) || errors.Is(err, ErrForbidden) {
		t.Fatalf("401: %#v", err)
	}
	if n := len(f.got()); n != 4 {
		t.Fatalf("%d requests: 4xx other than 408/429 must not be retried", n)
	}
}

func TestUnitDeleteNoContent(t *testing.T) {
	f := newFake(t, reply(204, ""))
	// An id is one escaped path segment, so it cannot reach another route.
	if err := f.client().Contacts.Delete(context.Background(), "con_1/../x"); err != nil {
		t.Fatal(err)
	}
	r := f.got()[0]
	if r.Method != http.MethodDelete || r.RawPath != "/api/v1/contacts/con_1%2F..%2Fx" || r.Header.Get("Idempotency-Key") == "" {
		t.Fatalf("request %+v", r)
	}
}

func TestUnitUpdateSendsFalseAndEmpty(t *testing.T) {
	f := newFake(t, reply(200, contactJSON))
	_, err := f.client().Contacts.Update(context.Background(), "con_1", &UpdateContactParams{
		FirstName: String(""),
		EmailOK:   Bool(false),
		Tags:      []string{},
		Metadata:  map[string]any{"plan": nil, "seats": 0},
	})
	if err != nil {
		t.Fatal(err)
	}
	r := f.got()[0]
	var body map[string]any
	if err := json.Unmarshal(r.Body, &body); err != nil {
		t.Fatal(err)
	}
	want := `map[email_ok:false first_name: metadata:map[plan:<nil> seats:0] tags:[]]`
	if r.Method != http.MethodPatch || fmt.Sprint(body) != want {
		t.Fatalf("%s body %s, want %s", r.Method, r.Body, want)
	}
}

func TestUnitExtraFieldsAreSent(t *testing.T) {
	f := newFake(t, reply(201, contactJSON), reply(200, `{"object":"list","data":[],"has_more":false,"next_cursor":null}`))
	c := f.client()
	ctx := context.Background()
	if _, err := c.Contacts.Create(ctx, &CreateContactParams{Email: "a@example.com", Extra: map[string]any{"properties": map[string]any{"plan": "pro"}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Contacts.List(ctx, &ListContactsParams{Extra: url.Values{"metadata[plan]": {"pro"}}}); err != nil {
		t.Fatal(err)
	}
	reqs := f.got()
	if string(reqs[0].Body) != `{"email":"a@example.com","properties":{"plan":"pro"}}` {
		t.Fatalf("body %s", reqs[0].Body)
	}
	if reqs[1].Query.Get("metadata[plan]") != "pro" {
		t.Fatalf("query %v", reqs[1].Query)
	}
}

func TestUnitListQuery(t *testing.T) {
	f := newFake(t, reply(200, `{"object":"list","data":[`+contactJSON+`],"has_more":true,"next_cursor":"c2","total":7}`))
	after := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	page, err := f.client().Contacts.List(context.Background(), &ListContactsParams{
		Limit: 50, Tag: []string{"vip", "beta"}, Status: "subscribed", Search: "jane", Suppressed: Bool(false), CreatedAfter: after, Sort: "email",
	})
	if err != nil {
		t.Fatal(err)
	}
	if page.Object != "list" || len(page.Data) != 1 || !page.HasMore || StringValue(page.NextCursor) != "c2" || page.Total == nil || *page.Total != 7 {
		t.Fatalf("page %+v", page)
	}
	q := f.got()[0].Query
	want := url.Values{"limit": {"50"}, "tag": {"vip", "beta"}, "status": {"subscribed"}, "search": {"jane"}, "suppressed": {"false"},
		"created_after": {"2026-01-02T03:04:05Z"}, "sort": {"email"}}
	if q.Encode() != want.Encode() {
		t.Fatalf("query %s, want %s", q.Encode(), want.Encode())
	}
}

func pageJSON(ids []string, next string) string {
	items := make([]string, len(ids))
	for i, id := range ids {
		items[i] = strings.Replace(contactJSON, `"con_1"`, fmt.Sprintf("%q", id), 1)
	}
	cursor := "null"
	if next != "" {
		cursor = fmt.Sprintf("%q", next)
	}
	return fmt.Sprintf(`{"object":"list","data":[%s],"has_more":%t,"next_cursor":%s}`, strings.Join(items, ","), next != "", cursor)
}

func TestUnitListAutoPagingWalksEveryPage(t *testing.T) {
	f := newFake(t,
		reply(200, pageJSON([]string{"con_1", "con_2"}, "cur_a")),
		reply(200, pageJSON(nil, "cur_b")), // an empty page that still has more
		reply(200, pageJSON([]string{"con_3"}, "")),
	)
	iter := f.client().Contacts.ListAutoPaging(context.Background(), &ListContactsParams{Limit: 2, Tag: []string{"vip"}, Offset: 5})
	var ids []string
	for iter.Next() {
		ids = append(ids, iter.Current().ID)
	}
	if err := iter.Err(); err != nil {
		t.Fatal(err)
	}
	if strings.Join(ids, ",") != "con_1,con_2,con_3" {
		t.Fatalf("ids %v", ids)
	}
	reqs := f.got()
	if reqs[0].Query.Get("cursor") != "" || reqs[0].Query.Get("offset") != "5" || reqs[1].Query.Get("cursor") != "cur_a" ||
		reqs[1].Query.Get("offset") != "" || reqs[2].Query.Get("cursor") != "cur_b" || reqs[2].Query.Get("tag") != "vip" || reqs[2].Query.Get("limit") != "2" {
		t.Fatalf("queries %v / %v / %v", reqs[0].Query, reqs[1].Query, reqs[2].Query)
	}
	if iter.Next() {
		t.Fatal("Next after the end")
	}
}

func TestUnitListAutoPagingStopsOnRepeatedCursor(t *testing.T) {
	f := newFake(t,
		reply(200, pageJSON([]string{"con_1"}, "cur_a")),
		reply(200, pageJSON([]string{"con_2"}, "cur_a")),
	)
	iter := f.client().Contacts.ListAutoPaging(context.Background(), nil)
	n := 0
	for iter.Next() {
		n++
	}
	if iter.Err() != nil || n != 2 || len(f.got()) != 2 {
		t.Fatalf("%d items, %d requests, err %v", n, len(f.got()), iter.Err())
	}
}

func TestUnitListAutoPagingReportsErrors(t *testing.T) {
	f := newFake(t, reply(200, pageJSON([]string{"con_1"}, "cur_a")), reply(400, envelope("invalid_request", "bad cursor", "req_x")))
	iter := f.client().Contacts.ListAutoPaging(context.Background(), nil)
	n := 0
	for iter.Next() {
		n++
	}
	if n != 1 || !errors.Is(iter.Err(), ErrBadRequest) {
		t.Fatalf("%d items, err %v", n, iter.Err())
	}
}

func readMultipart(t *testing.T, r recorded) (map[string]string, *multipart.Part, string) {
	t.Helper()
	mediaType, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mediaType != "multipart/form-data" {
		t.Fatalf("Content-Type %q", r.Header.Get("Content-Type"))
	}
	mr := multipart.NewReader(strings.NewReader(string(r.Body)), params["boundary"])
	fields := map[string]string{}
	var file *multipart.Part
	var content string
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(p)
		if p.FormName() == "file" {
			file, content = p, string(b)
		} else {
			fields[p.FormName()] = string(b)
		}
	}
	return fields, file, content
}

const importJSON = `{"id":"imp_1","object":"import","status":"queued","file_name":"people.csv","file_size":40,"on_conflict":"skip",
"mapping":{"E-mail":"email"},"total_rows":null,"processed_rows":0,"created":0,"updated":0,"skipped":0,"failed_rows":0,"error":null,
"errors_url":"/api/v1/contacts/import/imp_1/errors","created_at":"2026-04-12T10:30:00.000Z","started_at":null,"finished_at":null}`

func TestUnitImportMultipartBody(t *testing.T) {
	csv := "E-mail,First\njane@example.com,Jane\n"
	f := newFake(t, reply(502, "bad gateway"), reply(202, importJSON))
	imp, err := f.client().Contacts.Imports.Create(context.Background(), &CreateImportParams{
		File:       strings.NewReader(csv),
		Filename:   "people.csv",
		Mapping:    map[string]string{"E-mail": "email"},
		OnConflict: "skip",
		Extra:      map[string]string{"default_country": "US"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if imp.ID != "imp_1" || imp.TotalRows != nil || imp.Mapping["E-mail"] != "email" {
		t.Fatalf("import %+v", imp)
	}
	reqs := f.got()
	if len(reqs) != 2 {
		t.Fatalf("%d requests: a seekable file must be resent", len(reqs))
	}
	for i, r := range reqs {
		if r.Method != http.MethodPost || r.Path != "/api/v1/contacts/import" {
			t.Fatalf("%s %s", r.Method, r.Path)
		}
		fields, file, content := readMultipart(t, r)
		if file == nil || file.FileName() != "people.csv" || file.Header.Get("Content-Type") != "text/csv" || content != csv {
			t.Fatalf("attempt %d: file part %v %q", i+1, file, content)
		}
		if fields["mapping"] != `{"E-mail":"email"}` || fields["on_conflict"] != "skip" || fields["default_country"] != "US" {
			t.Fatalf("attempt %d: fields %v", i+1, fields)
		}
	}
	if reqs[0].Header.Get("Idempotency-Key") == "" || reqs[0].Header.Get("Idempotency-Key") != reqs[1].Header.Get("Idempotency-Key") {
		t.Fatal("the import upload must reuse one Idempotency-Key")
	}
}

func TestUnitImportFromPlainReaderIsNotRetried(t *testing.T) {
	f := newFake(t, reply(503, envelope("internal_error", "x", "req_1")))
	_, err := f.client().Contacts.Imports.Create(context.Background(), &CreateImportParams{File: io.MultiReader(strings.NewReader("email\na@b.co\n"))})
	if !errors.Is(err, ErrServer) || len(f.got()) != 1 {
		t.Fatalf("err %v after %d requests", err, len(f.got()))
	}
	_, file, _ := readMultipart(t, f.got()[0])
	if file.FileName() != "upload.csv" {
		t.Fatalf("default file name %q", file.FileName())
	}
}

func TestUnitImportWaitErrorsCancelList(t *testing.T) {
	running := strings.Replace(importJSON, `"queued"`, `"running"`, 1)
	done := strings.Replace(importJSON, `"queued"`, `"completed"`, 1)
	f := newFake(t,
		reply(200, running), reply(200, running), reply(200, done),
		reply(200, "line,row,reason\r\n2,x,bad email\r\n", "Content-Type", "text/csv"),
		reply(200, done),
		reply(200, `{"object":"list","data":[`+done+`]}`),
	)
	c := f.client()
	ctx := context.Background()
	imp, err := c.Contacts.Imports.Wait(ctx, "imp_1")
	if err != nil || imp.Status != "completed" || !imp.Finished() {
		t.Fatalf("wait: %+v %v", imp, err)
	}
	rc, err := c.Contacts.Imports.Errors(ctx, "imp_1")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(rc)
	rc.Close()
	if !strings.HasPrefix(string(b), "line,row,reason") {
		t.Fatalf("errors %q", b)
	}
	if _, err := c.Contacts.Imports.Cancel(ctx, "imp_1"); err != nil {
		t.Fatal(err)
	}
	list, err := c.Contacts.Imports.List(ctx)
	if err != nil || len(list.Data) != 1 {
		t.Fatalf("list %+v %v", list, err)
	}
	reqs := f.got()
	paths := []string{reqs[3].Path, reqs[4].Method + " " + reqs[4].Path, reqs[5].Path}
	if fmt.Sprint(paths) != "[/api/v1/contacts/import/imp_1/errors POST /api/v1/contacts/import/imp_1/cancel /api/v1/contacts/import]" {
		t.Fatalf("paths %v", paths)
	}
	if reqs[3].Header.Get("Accept") != "text/csv" {
		t.Fatalf("Accept %q", reqs[3].Header.Get("Accept"))
	}
}

func TestUnitBulkTagAndWait(t *testing.T) {
	job := `{"id":"job_1","object":"bulk_job","action":"tag","status":"%s","matched":2,"processed":%d,"progress":%d,"error":null,"created_at":"2026-04-12T10:30:00.000Z","finished_at":null}`
	f := newFake(t,
		reply(202, fmt.Sprintf(job, "queued", 0, 0)),
		reply(200, fmt.Sprintf(job, "running", 1, 0)),
		reply(200, fmt.Sprintf(job, "completed", 2, 1)),
		reply(200, `{"object":"bulk_preview","dry_run":true,"matched":3,"sample":[`+contactJSON+`]}`),
	)
	c := f.client()
	ctx := context.Background()
	started, err := c.Contacts.Bulk.Tag(ctx, &BulkParams{Filter: &ContactFilter{Tag: []string{"vip"}, Suppressed: Bool(false)}, ExcludeIDs: []string{"con_9"}, Add: []string{"q2"}})
	if err != nil || started.ID != "job_1" {
		t.Fatalf("tag: %+v %v", started, err)
	}
	final, err := c.Contacts.Bulk.Wait(ctx, started.ID)
	if err != nil || final.Status != "completed" || final.Processed != 2 {
		t.Fatalf("wait: %+v %v", final, err)
	}
	preview, err := c.Contacts.Bulk.Delete(ctx, &BulkParams{IDs: []string{"con_1"}, DryRun: true})
	if err != nil || !preview.DryRun || preview.Matched != 3 || len(preview.Sample) != 1 {
		t.Fatalf("preview: %+v %v", preview, err)
	}
	reqs := f.got()
	if reqs[0].Path != "/api/v1/contacts/bulk-tag" || string(reqs[0].Body) != `{"filter":{"suppressed":false,"tag":["vip"]},"exclude_ids":["con_9"],"add":["q2"]}` {
		t.Fatalf("tag request %s %s", reqs[0].Path, reqs[0].Body)
	}
	if reqs[1].Path != "/api/v1/contacts/bulk/job_1" || reqs[3].Path != "/api/v1/contacts/bulk-delete" || string(reqs[3].Body) != `{"ids":["con_1"],"dry_run":true}` {
		t.Fatalf("requests %v %v %s", reqs[1].Path, reqs[3].Path, reqs[3].Body)
	}
}

func TestUnitExportStreams(t *testing.T) {
	f := newFake(t, reply(200, "id,email\r\ncon_1,jane@example.com\r\n", "Content-Type", "text/csv"))
	rc, err := f.client(WithTimeout(time.Second)).Contacts.Export(context.Background(), &ExportContactsParams{ContactFilter: ContactFilter{Tag: []string{"vip"}}, BOM: true})
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil || !strings.Contains(string(b), "jane@example.com") {
		t.Fatalf("export %q %v", b, err)
	}
	if q := f.got()[0].Query.Encode(); q != "bom=true&tag=vip" {
		t.Fatalf("query %s", q)
	}
}

func TestUnitHeadersUserAgentAndAuth(t *testing.T) {
	f := newFake(t, reply(200, contactJSON))
	_, err := f.client().Contacts.Get(context.Background(), "con_1", WithHeader("X-Trace", "t1"))
	if err != nil {
		t.Fatal(err)
	}
	h := f.got()[0].Header
	if h.Get("User-Agent") != "rolo-go/"+Version || h.Get("Authorization") != "Bearer sk_test_123" || h.Get("Accept") != "application/json" || h.Get("X-Trace") != "t1" {
		t.Fatalf("headers %v", h)
	}
}

func TestUnitDefaultsFromEnvironment(t *testing.T) {
	f := newFake(t, reply(200, contactJSON))
	t.Setenv("ROLO_API_KEY", "sk_env")
	t.Setenv("ROLO_BASE_URL", f.srv.URL+"/api/v1/")
	c := NewClient("")
	if _, err := c.Contacts.Get(context.Background(), "con_1"); err != nil {
		t.Fatal(err)
	}
	r := f.got()[0]
	if r.Path != "/api/v1/contacts/con_1" || r.Header.Get("Authorization") != "Bearer sk_env" {
		t.Fatalf("%s %v", r.Path, r.Header)
	}
	t.Setenv("ROLO_BASE_URL", "")
	if NewClient("k").baseURL != "http://localhost:3000" {
		t.Fatal("default base URL")
	}
}
