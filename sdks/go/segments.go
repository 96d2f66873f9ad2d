package rolo

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"time"
)

// Segment is a saved filter with the count of contacts it matches now. Its Filter comes back in
// operator form: metadata conditions are MetadataCondition values.
type Segment struct {
	ID     string        `json:"id"`
	Object string        `json:"object"` // "segment"
	Name   string        `json:"name"`
	Filter ContactFilter `json:"filter"`
	// Count is exact, and always set by Get, Create and Update. In List it is nil when counting
	// would hold up the list; CountEstimate is set instead.
	Count         *int      `json:"count"`
	CountEstimate *int      `json:"count_estimate"` // List only, instead of Count: the database's estimate
	CreatedAt     time.Time `json:"created_at"`
	UpdatedAt     time.Time `json:"updated_at"`
}

// SegmentList holds every segment of the workspace, by name. A segment whose count would hold
// up the list has CountEstimate instead of Count; Contacts.Count with its Segment counts exactly.
type SegmentList struct {
	Object string    `json:"object"` // "list"
	Data   []Segment `json:"data"`
}

// CreateSegmentParams is a new segment: a name unique in the workspace (1–100 characters) and a
// filter with at least one criterion.
type CreateSegmentParams struct {
	Name   string        `json:"name"`
	Filter ContactFilter `json:"filter"`
}

// UpdateSegmentParams renames a segment, replaces its filter (whole, not merged), or both; nil
// fields are left alone.
type UpdateSegmentParams struct {
	Name   *string        `json:"name,omitempty"`
	Filter *ContactFilter `json:"filter,omitempty"`
}

// SegmentsService holds the saved segment endpoints. Use a segment with
// ListContactsParams.Segment, ExportContactsParams.Segment and BulkParams.Segment.
type SegmentsService struct{ client *Client }

func segmentPath(id string) string { return "/segments/" + url.PathEscape(id) }

// List returns every segment with its count (or its CountEstimate).
func (s *SegmentsService) List(ctx context.Context, opts ...RequestOption) (*SegmentList, error) {
	var out SegmentList
	if err := s.client.call(ctx, http.MethodGet, "/segments", nil, nil, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}

// Create saves a segment (409 ErrConflict when the name is taken).
func (s *SegmentsService) Create(ctx context.Context, params *CreateSegmentParams, opts ...RequestOption) (*Segment, error) {
	if params == nil {
		return nil, errors.New("rolo: CreateSegmentParams is required")
	}
	var out Segment
	if err := s.client.call(ctx, http.MethodPost, "/segments", nil, params, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}

// Get returns one segment with its count (ErrNotFound when it does not exist).
func (s *SegmentsService) Get(ctx context.Context, id string, opts ...RequestOption) (*Segment, error) {
	if id == "" {
		return nil, errEmptyID
	}
	var out Segment
	if err := s.client.call(ctx, http.MethodGet, segmentPath(id), nil, nil, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}

// Update renames a segment and/or replaces its filter.
func (s *SegmentsService) Update(ctx context.Context, id string, params *UpdateSegmentParams, opts ...RequestOption) (*Segment, error) {
	if id == "" {
		return nil, errEmptyID
	}
	if params == nil {
		params = &UpdateSegmentParams{}
	}
	var out Segment
	if err := s.client.call(ctx, http.MethodPatch, segmentPath(id), nil, params, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}

// Delete deletes a segment; its contacts are untouched.
func (s *SegmentsService) Delete(ctx context.Context, id string, opts ...RequestOption) error {
	if id == "" {
		return errEmptyID
	}
	return s.client.call(ctx, http.MethodDelete, segmentPath(id), nil, nil, nil, opts)
}
