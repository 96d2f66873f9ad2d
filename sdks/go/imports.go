package rolo

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Import is a CSV import job and its counts.
type Import struct {
	ID            string            `json:"id"`
	Object        string            `json:"object"` // "import"
	Status        string            `json:"status"` // queued, running, completed, failed, canceled
	FileName      string            `json:"file_name"`
	FileSize      int64             `json:"file_size"`
	OnConflict    string            `json:"on_conflict"` // "update" or "skip"
	Mapping       map[string]string `json:"mapping"`
	TotalRows     *int              `json:"total_rows"`
	ProcessedRows int               `json:"processed_rows"`
	Created       int               `json:"created"`
	Updated       int               `json:"updated"`
	Skipped       int               `json:"skipped"`
	FailedRows    int               `json:"failed_rows"`
	// KeptUnsubscribed counts rows that would have re-subscribed someone who unsubscribed or was
	// suppressed, kept as they were because Resubscribe was false (each is listed in Errors).
	KeptUnsubscribed int `json:"kept_unsubscribed"`
	// DetectedSource is the layout recognised from the header row (google, outlook,
	// mailchimp_subscribed, hubspot, rolo, vcard…), known once the job has started; nil if none.
	DetectedSource *string    `json:"detected_source"`
	DefaultCountry string     `json:"default_country"` // national phone numbers were read in this country (ISO 3166-1 alpha-2)
	Resubscribe    bool       `json:"resubscribe"`     // whether the file could re-subscribe people who opted out
	AllowErased    bool       `json:"allow_erased"`    // whether the file could bring back emails and phones of erased contacts
	Error          *string    `json:"error"`
	ErrorsURL      string     `json:"errors_url"`
	CreatedAt      time.Time  `json:"created_at"`
	StartedAt      *time.Time `json:"started_at"`
	FinishedAt     *time.Time `json:"finished_at"`
}

// Finished reports whether the import reached completed, failed or canceled.
func (i *Import) Finished() bool { return isFinal(i.Status) }

func isFinal(status string) bool {
	return status == "completed" || status == "failed" || status == "canceled"
}

// ImportList holds the last 50 imports, newest first.
type ImportList struct {
	Object string   `json:"object"` // "list"
	Data   []Import `json:"data"`
}

// CreateImportParams uploads a CSV or vCard file (≤ 100 MB, optionally gzip). An *os.File or
// any io.Seeker (bytes.Reader, strings.Reader) can be resent, so the upload is retried; a plain
// io.Reader is sent once.
type CreateImportParams struct {
	File     io.Reader
	Filename string // default: the *os.File's name, else "upload.csv"; must end in .csv, .tsv, .txt, .vcf or .gz
	// Mapping maps a CSV header to a field (email, phone, first_name, last_name, name, status,
	// tags, suppressed), to "metadata.<key>" or to "ignore". Unmapped headers are guessed.
	Mapping    map[string]string
	OnConflict string // "update" (default) or "skip"
	// Resubscribe lets the file subscribe people who unsubscribed or were suppressed; when false
	// (default) they stay as they are and are counted in Import.KeptUnsubscribed.
	Resubscribe bool
	// DefaultCountry reads national phone numbers in the file (ISO 3166-1 alpha-2, e.g. "GB");
	// default: the workspace's.
	DefaultCountry string
	// AllowErased imports rows with the email or phone of an erased contact; otherwise they fail
	// with reason "erased".
	AllowErased bool
	// Extra holds form fields this SDK version does not know yet; they override typed fields.
	Extra map[string]string
}

// ImportsService holds the CSV import endpoints.
type ImportsService struct{ client *Client }

func importPath(id string) string { return "/contacts/import/" + url.PathEscape(id) }

// Create uploads a CSV file and queues its import; Wait follows it to the end.
func (s *ImportsService) Create(ctx context.Context, params *CreateImportParams, opts ...RequestOption) (*Import, error) {
	if params == nil || params.File == nil {
		return nil, fmt.Errorf("rolo: CreateImportParams.File is required")
	}
	filename := params.Filename
	if filename == "" {
		if f, ok := params.File.(*os.File); ok {
			filename = filepath.Base(f.Name())
		} else {
			filename = "upload.csv"
		}
	}
	fields := map[string]string{}
	if params.Resubscribe {
		fields["resubscribe"] = "true"
	}
	if params.DefaultCountry != "" {
		fields["default_country"] = params.DefaultCountry
	}
	if params.AllowErased {
		fields["allow_erased"] = "true"
	}
	if len(params.Mapping) > 0 {
		b, err := json.Marshal(params.Mapping)
		if err != nil {
			return nil, fmt.Errorf("rolo: encoding mapping: %w", err)
		}
		fields["mapping"] = string(b)
	}
	if params.OnConflict != "" {
		fields["on_conflict"] = params.OnConflict
	}
	for k, v := range params.Extra {
		fields[k] = v
	}

	boundary := multipart.NewWriter(io.Discard).Boundary()
	seeker, replayable := params.File.(io.Seeker)
	var start int64
	if replayable {
		var err error
		if start, err = seeker.Seek(0, io.SeekCurrent); err != nil {
			replayable = false
		}
	}
	var prev *io.PipeReader
	var prevDone chan struct{}
	open := func() (io.ReadCloser, error) {
		if prev != nil {
			// Stop the previous attempt's writer before rewinding the file it reads.
			prev.Close()
			<-prevDone
			if _, err := seeker.Seek(start, io.SeekStart); err != nil {
				return nil, err
			}
		}
		prev, prevDone = multipartBody(boundary, fields, filename, params.File)
		return prev, nil
	}
	r := &request{
		method:      http.MethodPost,
		path:        "/contacts/import",
		stream:      open,
		contentType: "multipart/form-data; boundary=" + boundary,
		noReplay:    !replayable,
		opts:        opts,
	}
	var out Import
	if _, err := s.client.send(ctx, r, &out, false); err != nil {
		return nil, err
	}
	return &out, nil
}

// multipartBody streams the form (fields first, then the file) without holding the file in memory.
// done is closed once the writer stopped reading the file.
func multipartBody(boundary string, fields map[string]string, filename string, file io.Reader) (pr *io.PipeReader, done chan struct{}) {
	pr, pw := io.Pipe()
	done = make(chan struct{})
	go func() {
		defer close(done)
		w := multipart.NewWriter(pw)
		err := w.SetBoundary(boundary)
		keys := make([]string, 0, len(fields))
		for k := range fields {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if err == nil {
				err = w.WriteField(k, fields[k])
			}
		}
		if err == nil {
			h := textproto.MIMEHeader{}
			h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="file"; filename="%s"`, quoteEscaper.Replace(filename)))
			h.Set("Content-Type", fileType(filename))
			var part io.Writer
			if part, err = w.CreatePart(h); err == nil {
				_, err = io.Copy(part, file)
			}
		}
		if err == nil {
			err = w.Close()
		}
		pw.CloseWithError(err)
	}()
	return pr, done
}

func fileType(name string) string {
	switch lower := strings.ToLower(name); {
	case strings.HasSuffix(lower, ".gz"):
		return "application/gzip"
	case strings.HasSuffix(lower, ".vcf"), strings.HasSuffix(lower, ".vcard"):
		return "text/vcard"
	}
	return "text/csv"
}

var quoteEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\r", "", "\n", "")

// Get returns an import's status, progress and counts.
func (s *ImportsService) Get(ctx context.Context, id string, opts ...RequestOption) (*Import, error) {
	if id == "" {
		return nil, errEmptyID
	}
	var out Import
	if err := s.client.call(ctx, http.MethodGet, importPath(id), nil, nil, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}

// List returns the last 50 imports, newest first.
func (s *ImportsService) List(ctx context.Context, opts ...RequestOption) (*ImportList, error) {
	var out ImportList
	if err := s.client.call(ctx, http.MethodGet, "/contacts/import", nil, nil, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}

// Cancel stops a queued or running import (409 ErrConflict when it already finished).
func (s *ImportsService) Cancel(ctx context.Context, id string, opts ...RequestOption) (*Import, error) {
	if id == "" {
		return nil, errEmptyID
	}
	var out Import
	if err := s.client.call(ctx, http.MethodPost, importPath(id)+"/cancel", nil, nil, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}

// Errors streams the rejected rows as CSV (line,row,reason). The caller closes it.
func (s *ImportsService) Errors(ctx context.Context, id string, opts ...RequestOption) (io.ReadCloser, error) {
	if id == "" {
		return nil, errEmptyID
	}
	return s.client.send(ctx, &request{method: http.MethodGet, path: importPath(id) + "/errors", opts: withAccept("text/csv", opts)}, nil, true)
}

// Wait polls the import until it is completed, failed or canceled, and returns it. A failed
// import is not an error: check Status. ctx bounds the wait.
func (s *ImportsService) Wait(ctx context.Context, id string, opts ...RequestOption) (*Import, error) {
	return poll(ctx, s.client.pollInterval, func() (*Import, bool, error) {
		imp, err := s.Get(ctx, id, opts...)
		if err != nil {
			return nil, false, err
		}
		return imp, imp.Finished(), nil
	})
}

// poll calls get until it reports done, waiting a little longer each time (up to 5 s).
func poll[T any](ctx context.Context, interval time.Duration, get func() (*T, bool, error)) (*T, error) {
	for {
		v, done, err := get()
		if err != nil || done {
			return v, err
		}
		if err := sleep(ctx, interval); err != nil {
			return nil, err
		}
		if interval *= 2; interval > 5*time.Second {
			interval = 5 * time.Second
		}
	}
}
