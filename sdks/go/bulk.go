package rolo

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"time"
)

// BulkParams selects contacts for a bulk action: IDs (≤ 1,000), or Filter and/or Segment minus
// ExcludeIDs. The selection is fixed when the job is created.
type BulkParams struct {
	IDs     []string       `json:"ids,omitempty"`
	Filter  *ContactFilter `json:"filter,omitempty"`
	Segment string         `json:"segment,omitempty"` // a saved segment's contacts (seg_…), with Filter if both are set
	// All must be true to select every contact of the workspace: a Filter without criteria (or
	// none) is refused otherwise.
	All        bool     `json:"all,omitempty"`
	ExcludeIDs []string `json:"exclude_ids,omitempty"`
	// DryRun answers the matched count and a sample instead of creating a job.
	DryRun bool     `json:"dry_run,omitempty"`
	Reason string   `json:"reason,omitempty"` // Unsubscribe only
	Add    []string `json:"add,omitempty"`    // Tag only
	Remove []string `json:"remove,omitempty"` // Tag only
	// Extra holds body fields this SDK version does not know yet; they override typed fields.
	Extra map[string]any `json:"-"`
}

// MarshalJSON adds Extra to the encoded fields.
func (p BulkParams) MarshalJSON() ([]byte, error) {
	type plain BulkParams
	b, err := json.Marshal(plain(p))
	if err != nil {
		return nil, err
	}
	return mergeExtra(b, p.Extra)
}

// BulkJob is a bulk action and its progress. With DryRun, the answer is a preview instead:
// Object is "bulk_preview", DryRun is true, Matched and Sample are set and there is no ID.
type BulkJob struct {
	ID         string     `json:"id"`
	Object     string     `json:"object"` // "bulk_job" (or "bulk_preview")
	Action     string     `json:"action"` // subscribe, unsubscribe, tag, delete
	Status     string     `json:"status"` // queued, running, completed, failed, canceled
	Matched    int        `json:"matched"`
	Processed  int        `json:"processed"`
	Progress   float64    `json:"progress"` // 0–1
	Error      *string    `json:"error"`
	CreatedAt  time.Time  `json:"created_at"`
	FinishedAt *time.Time `json:"finished_at"`
	DryRun     bool       `json:"dry_run"`
	Sample     []Contact  `json:"sample,omitempty"` // dry run: up to 5 matching contacts
}

// Finished reports whether the job reached completed, failed or canceled.
func (j *BulkJob) Finished() bool { return isFinal(j.Status) }

// BulkService holds the bulk action endpoints.
type BulkService struct{ client *Client }

func (s *BulkService) start(ctx context.Context, action string, params *BulkParams, opts []RequestOption) (*BulkJob, error) {
	if params == nil {
		params = &BulkParams{}
	}
	var out BulkJob
	if err := s.client.call(ctx, http.MethodPost, "/contacts/bulk-"+action, nil, params, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}

// Subscribe subscribes the selected contacts.
func (s *BulkService) Subscribe(ctx context.Context, params *BulkParams, opts ...RequestOption) (*BulkJob, error) {
	return s.start(ctx, "subscribe", params, opts)
}

// Unsubscribe unsubscribes the selected contacts (Reason optional).
func (s *BulkService) Unsubscribe(ctx context.Context, params *BulkParams, opts ...RequestOption) (*BulkJob, error) {
	return s.start(ctx, "unsubscribe", params, opts)
}

// Tag adds the Add tags to and removes the Remove tags from the selected contacts.
func (s *BulkService) Tag(ctx context.Context, params *BulkParams, opts ...RequestOption) (*BulkJob, error) {
	return s.start(ctx, "tag", params, opts)
}

// Delete deletes the selected contacts permanently.
func (s *BulkService) Delete(ctx context.Context, params *BulkParams, opts ...RequestOption) (*BulkJob, error) {
	return s.start(ctx, "delete", params, opts)
}

// Get returns a bulk job's status and progress.
func (s *BulkService) Get(ctx context.Context, id string, opts ...RequestOption) (*BulkJob, error) {
	if id == "" {
		return nil, errEmptyID
	}
	var out BulkJob
	if err := s.client.call(ctx, http.MethodGet, "/contacts/bulk/"+url.PathEscape(id), nil, nil, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}

// Wait polls the job until it is completed, failed or canceled, and returns it. A failed job
// is not an error: check Status. ctx bounds the wait.
func (s *BulkService) Wait(ctx context.Context, id string, opts ...RequestOption) (*BulkJob, error) {
	return poll(ctx, s.client.pollInterval, func() (*BulkJob, bool, error) {
		job, err := s.Get(ctx, id, opts...)
		if err != nil {
			return nil, false, err
		}
		return job, job.Finished(), nil
	})
}
