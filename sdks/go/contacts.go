package rolo

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// Contact is a contact as the API returns it. Nullable fields are pointers.
type Contact struct {
	ID               string         `json:"id"`
	Object           string         `json:"object"` // "contact"
	Email            *string        `json:"email"`
	Phone            *string        `json:"phone"`
	FirstName        *string        `json:"first_name"`
	LastName         *string        `json:"last_name"`
	Name             *string        `json:"name"`
	Status           string         `json:"status"` // "subscribed" or "unsubscribed"
	Suppressed       bool           `json:"suppressed"`
	SuppressedReason *string        `json:"suppressed_reason"`
	EmailOK          bool           `json:"email_ok"`
	SMSOK            bool           `json:"sms_ok"`
	WhatsAppOK       bool           `json:"whatsapp_ok"`
	VoiceOK          bool           `json:"voice_ok"`
	Tags             []string       `json:"tags"`
	Metadata         map[string]any `json:"metadata"`
	Source           string         `json:"source"` // api, dashboard, import…: set by the server, never sent
	CreatedAt        time.Time      `json:"created_at"`
	UpdatedAt        time.Time      `json:"updated_at"`
}

// ContactInput is a contact to create or upsert: Create, Upsert and each item of BatchUpsert.
// An email or a phone is required. Empty strings and nil slices are left out; booleans are
// pointers (rolo.Bool(false)) so that false can be sent.
type ContactInput struct {
	Email            string         `json:"email,omitempty"`
	Phone            string         `json:"phone,omitempty"` // E.164, e.g. +14155551234
	FirstName        string         `json:"first_name,omitempty"`
	LastName         string         `json:"last_name,omitempty"`
	Name             string         `json:"name,omitempty"`   // "Jane Doe" is split into first and last name
	Status           string         `json:"status,omitempty"` // "subscribed" (default) or "unsubscribed"
	Suppressed       *bool          `json:"suppressed,omitempty"`
	SuppressedReason string         `json:"suppressed_reason,omitempty"`
	EmailOK          *bool          `json:"email_ok,omitempty"`
	SMSOK            *bool          `json:"sms_ok,omitempty"`
	WhatsAppOK       *bool          `json:"whatsapp_ok,omitempty"`
	VoiceOK          *bool          `json:"voice_ok,omitempty"`
	Tags             []string       `json:"tags,omitempty"`
	Metadata         map[string]any `json:"metadata,omitempty"`
	// AllowErased writes the email or phone of an erased contact anyway; without it such a write
	// is a 409 ErrErased (a failed item with code "erased" in BatchUpsert, where
	// BatchUpsertParams.AllowErased covers every item).
	AllowErased bool `json:"allow_erased,omitempty"`
	// Extra holds body fields this SDK version does not know yet; they override typed fields.
	// (Not "source": the server records it, and refuses it with a 400.)
	Extra map[string]any `json:"-"`
}

// CreateContactParams is the body of Contacts.Create and Contacts.Upsert.
type CreateContactParams = ContactInput

// MarshalJSON adds Extra to the encoded fields.
func (p ContactInput) MarshalJSON() ([]byte, error) {
	type plain ContactInput
	b, err := json.Marshal(plain(p))
	if err != nil {
		return nil, err
	}
	return mergeExtra(b, p.Extra)
}

// UpdateContactParams is a partial update: nil fields are left alone. Use rolo.String(""),
// rolo.Bool(false) to send empty and false values (an empty string clears a name). Metadata is
// merged key by key and a nil value deletes a key; Tags replace the tags (a non-nil empty
// slice removes them all).
type UpdateContactParams struct {
	Email            *string        `json:"email,omitempty"`
	Phone            *string        `json:"phone,omitempty"`
	FirstName        *string        `json:"first_name,omitempty"`
	LastName         *string        `json:"last_name,omitempty"`
	Name             *string        `json:"name,omitempty"`
	Status           *string        `json:"status,omitempty"`
	Suppressed       *bool          `json:"suppressed,omitempty"`
	SuppressedReason *string        `json:"suppressed_reason,omitempty"`
	EmailOK          *bool          `json:"email_ok,omitempty"`
	SMSOK            *bool          `json:"sms_ok,omitempty"`
	WhatsAppOK       *bool          `json:"whatsapp_ok,omitempty"`
	VoiceOK          *bool          `json:"voice_ok,omitempty"`
	Tags             []string       `json:"tags,omitempty"`
	Metadata         map[string]any `json:"metadata,omitempty"`
	// AllowErased lets the update set the email or phone of an erased contact (else 409 ErrErased).
	AllowErased bool `json:"allow_erased,omitempty"`
	// Extra holds body fields this SDK version does not know yet; they override typed fields.
	Extra map[string]any `json:"-"`
}

// MarshalJSON keeps a non-nil empty Tags (clear the tags) and adds Extra.
func (p UpdateContactParams) MarshalJSON() ([]byte, error) {
	type plain UpdateContactParams
	b, err := json.Marshal(plain(p))
	if err != nil {
		return nil, err
	}
	extra := p.Extra
	if p.Tags != nil && len(p.Tags) == 0 {
		if _, set := extra["tags"]; !set {
			extra = copyMap(extra)
			extra["tags"] = []string{}
		}
	}
	return mergeExtra(b, extra)
}

func copyMap(m map[string]any) map[string]any {
	out := make(map[string]any, len(m)+1)
	for k, v := range m {
		out[k] = v
	}
	return out
}

// CountContactsParams are the query parameters of Contacts.Count: the filter of
// ListContactsParams without its paging (all optional; none counts every contact).
type CountContactsParams struct {
	Search        string
	Email         string
	Tag           []string
	Status        string
	Suppressed    *bool
	HasEmail      *bool
	HasPhone      *bool
	CreatedAfter  time.Time
	CreatedBefore time.Time
	UpdatedAfter  time.Time
	UpdatedBefore time.Time
	Metadata      MetadataFilter
	Segment       string // only the contacts of this saved segment (seg_…)
	// Extra holds query parameters this SDK version does not know yet.
	Extra url.Values
}

// filterValues encodes the filter and segment, the part of the query List and Count share.
func (p *CountContactsParams) filterValues() (url.Values, error) {
	f := ContactFilter{Search: p.Search, Email: p.Email, Tag: p.Tag, Status: p.Status, Suppressed: p.Suppressed,
		HasEmail: p.HasEmail, HasPhone: p.HasPhone, CreatedAfter: p.CreatedAfter, CreatedBefore: p.CreatedBefore,
		UpdatedAfter: p.UpdatedAfter, UpdatedBefore: p.UpdatedBefore, Metadata: p.Metadata}
	q, err := f.values()
	if err != nil {
		return nil, err
	}
	if p.Segment != "" {
		q.Set("segment", p.Segment)
	}
	return q, nil
}

func (p *CountContactsParams) values() (url.Values, error) {
	if p == nil {
		return nil, nil
	}
	q, err := p.filterValues()
	if err != nil {
		return nil, err
	}
	addExtra(q, p.Extra)
	return q, nil
}

// ListContactsParams are the query parameters of Contacts.List (all optional). The filter
// fields are those of ContactFilter.
type ListContactsParams struct {
	Limit         int    // 1–200, default 50
	Cursor        string // NextCursor of the previous page
	Offset        int    // only without Cursor
	Sort          string // created_at, -created_at (default), email, -email, updated_at, -updated_at, last_name, -last_name
	Search        string
	Email         string
	Tag           []string
	Status        string
	Suppressed    *bool
	HasEmail      *bool
	HasPhone      *bool
	CreatedAfter  time.Time
	CreatedBefore time.Time
	UpdatedAfter  time.Time
	UpdatedBefore time.Time
	Metadata      MetadataFilter
	Segment       string // only the contacts of this saved segment (seg_…)
	// Extra holds query parameters this SDK version does not know yet.
	Extra url.Values
}

// countParams is the list's filter alone, so List and Count encode it with the same code.
func (p *ListContactsParams) countParams() *CountContactsParams {
	return &CountContactsParams{Search: p.Search, Email: p.Email, Tag: p.Tag, Status: p.Status, Suppressed: p.Suppressed,
		HasEmail: p.HasEmail, HasPhone: p.HasPhone, CreatedAfter: p.CreatedAfter, CreatedBefore: p.CreatedBefore,
		UpdatedAfter: p.UpdatedAfter, UpdatedBefore: p.UpdatedBefore, Metadata: p.Metadata, Segment: p.Segment}
}

func (p *ListContactsParams) values() (url.Values, error) {
	if p == nil {
		return nil, nil
	}
	q, err := p.countParams().filterValues()
	if err != nil {
		return nil, err
	}
	if p.Limit > 0 {
		q.Set("limit", strconv.Itoa(p.Limit))
	}
	if p.Cursor != "" {
		q.Set("cursor", p.Cursor)
	}
	if p.Offset > 0 {
		q.Set("offset", strconv.Itoa(p.Offset))
	}
	if p.Sort != "" {
		q.Set("sort", p.Sort)
	}
	addExtra(q, p.Extra)
	return q, nil
}

// ContactList is one page of contacts. The first page says how many match: Total (exact) when
// counting is quick, else TotalEstimate (the database's estimate; Contacts.Count counts
// exactly). Later pages carry neither.
type ContactList struct {
	Object        string    `json:"object"` // "list"
	Data          []Contact `json:"data"`
	HasMore       bool      `json:"has_more"`
	NextCursor    *string   `json:"next_cursor"`
	Total         *int      `json:"total"`          // exact, on the first page only
	TotalEstimate *int      `json:"total_estimate"` // instead of Total when counting would hold up the page
}

// ContactCount is the answer of Contacts.Count.
type ContactCount struct {
	Object string `json:"object"` // "count"
	Total  int    `json:"total"`  // exact
}

// BatchUpsertParams is the body of Contacts.BatchUpsert: up to 1,000 contacts, upserted by
// email (else phone). Each item succeeds or fails on its own.
type BatchUpsertParams struct {
	Contacts []ContactInput `json:"contacts"`
	// AllowErased writes emails and phones of erased contacts; without it those items fail with
	// error code "erased".
	AllowErased bool `json:"allow_erased,omitempty"`
}

// BatchResult counts the outcome of a batch upsert, with one result per item.
type BatchResult struct {
	Created int               `json:"created"`
	Updated int               `json:"updated"`
	Failed  int               `json:"failed"`
	Results []BatchItemResult `json:"results"`
}

// BatchItemResult is the outcome of one item, by its index in the request.
type BatchItemResult struct {
	Index  int             `json:"index"`
	ID     *string         `json:"id"`
	Status string          `json:"status"` // "created", "updated" or "failed"
	Error  *BatchItemError `json:"error,omitempty"`
}

// BatchItemError says why one item failed.
type BatchItemError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Details any    `json:"details,omitempty"`
}

// ExportContactsParams selects what Contacts.Export writes.
type ExportContactsParams struct {
	ContactFilter
	Segment string // only the contacts of this saved segment (seg_…)
	BOM     bool   // start with a UTF-8 byte order mark, for Excel
}

// ContactsService holds the contact endpoints.
type ContactsService struct {
	client  *Client
	Imports *ImportsService
	Bulk    *BulkService
}

func contactPath(id string) string { return "/contacts/" + url.PathEscape(id) }

var errEmptyID = errors.New("rolo: an id is required")

// Create creates a contact (409 ErrConflict when the email or phone is taken; also ErrErased
// when it belongs to an erased contact and AllowErased is not set).
func (s *ContactsService) Create(ctx context.Context, params *CreateContactParams, opts ...RequestOption) (*Contact, error) {
	var out Contact
	if err := s.client.call(ctx, http.MethodPost, "/contacts", nil, params, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}

// Upsert creates a contact, or updates the one with the same email (else phone).
func (s *ContactsService) Upsert(ctx context.Context, params *CreateContactParams, opts ...RequestOption) (*Contact, error) {
	var out Contact
	if err := s.client.call(ctx, http.MethodPut, "/contacts", nil, params, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}

// Get returns one contact (ErrNotFound when it does not exist).
func (s *ContactsService) Get(ctx context.Context, id string, opts ...RequestOption) (*Contact, error) {
	if id == "" {
		return nil, errEmptyID
	}
	var out Contact
	if err := s.client.call(ctx, http.MethodGet, contactPath(id), nil, nil, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}

// Update changes the given fields of a contact.
func (s *ContactsService) Update(ctx context.Context, id string, params *UpdateContactParams, opts ...RequestOption) (*Contact, error) {
	if id == "" {
		return nil, errEmptyID
	}
	if params == nil {
		params = &UpdateContactParams{}
	}
	var out Contact
	if err := s.client.call(ctx, http.MethodPatch, contactPath(id), nil, params, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}

// Delete deletes a contact permanently.
func (s *ContactsService) Delete(ctx context.Context, id string, opts ...RequestOption) error {
	if id == "" {
		return errEmptyID
	}
	return s.client.call(ctx, http.MethodDelete, contactPath(id), nil, nil, nil, opts)
}

// List returns one page of contacts. Pass NextCursor as Cursor for the next page, or use
// ListAutoPaging to walk every page.
func (s *ContactsService) List(ctx context.Context, params *ListContactsParams, opts ...RequestOption) (*ContactList, error) {
	q, err := params.values()
	if err != nil {
		return nil, err
	}
	var out ContactList
	if err := s.client.call(ctx, http.MethodGet, "/contacts", q, nil, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}

// Count returns the exact number of contacts the filter (and segment) matches, however long
// counting takes: what a first page with TotalEstimate instead of Total leaves open.
func (s *ContactsService) Count(ctx context.Context, params *CountContactsParams, opts ...RequestOption) (*ContactCount, error) {
	q, err := params.values()
	if err != nil {
		return nil, err
	}
	var out ContactCount
	if err := s.client.call(ctx, http.MethodGet, "/contacts/count", q, nil, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}

// MetadataKey is a metadata key in use and how many contacts have it.
type MetadataKey struct {
	Key   string `json:"key"`
	Count int    `json:"count"` // among the 5,000 most recently updated contacts
}

// MetadataKeyList holds the workspace's most used metadata keys, most used first (at most 50).
type MetadataKeyList struct {
	Object string        `json:"object"` // "list"
	Data   []MetadataKey `json:"data"`
}

// MetadataKeys returns the metadata keys the workspace uses most, with their counts.
func (s *ContactsService) MetadataKeys(ctx context.Context, opts ...RequestOption) (*MetadataKeyList, error) {
	var out MetadataKeyList
	if err := s.client.call(ctx, http.MethodGet, "/contacts/metadata-keys", nil, nil, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListAutoPaging iterates over every contact of every page:
//
//	iter := client.Contacts.ListAutoPaging(ctx, &rolo.ListContactsParams{Tag: []string{"vip"}})
//	for iter.Next() {
//		c := iter.Current()
//	}
//	if err := iter.Err(); err != nil { … }
func (s *ContactsService) ListAutoPaging(ctx context.Context, params *ListContactsParams, opts ...RequestOption) *Iter[Contact] {
	p := ListContactsParams{}
	if params != nil {
		p = *params
	}
	return newIter(func(cursor string) ([]Contact, bool, string, error) {
		if cursor != "" {
			p.Cursor, p.Offset = cursor, 0
		}
		page, err := s.List(ctx, &p, opts...)
		if err != nil {
			return nil, false, "", err
		}
		return page.Data, page.HasMore, StringValue(page.NextCursor), nil
	})
}

// BatchUpsert upserts up to 1,000 contacts in one request.
func (s *ContactsService) BatchUpsert(ctx context.Context, params *BatchUpsertParams, opts ...RequestOption) (*BatchResult, error) {
	var out BatchResult
	if err := s.client.call(ctx, http.MethodPost, "/contacts/batch", nil, params, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}

// Export streams the selected contacts as CSV (every field plus one metadata.<key> column per
// key). The caller reads and closes it; the attempt timeout covers only the wait for the answer.
func (s *ContactsService) Export(ctx context.Context, params *ExportContactsParams, opts ...RequestOption) (io.ReadCloser, error) {
	q := url.Values{}
	if params != nil {
		var err error
		if q, err = params.ContactFilter.values(); err != nil {
			return nil, err
		}
		if params.Segment != "" {
			q.Set("segment", params.Segment)
		}
		if params.BOM {
			q.Set("bom", "true")
		}
	}
	return s.client.send(ctx, &request{method: http.MethodGet, path: "/contacts/export", query: q, opts: withAccept("text/csv", opts)}, nil, true)
}

func withAccept(accept string, opts []RequestOption) []RequestOption {
	return append([]RequestOption{WithHeader("Accept", accept)}, opts...)
}
