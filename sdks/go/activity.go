package rolo

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// Event is one entry of a contact's timeline: contact.created, contact.updated,
// contact.deleted, contact.subscribed, contact.unsubscribed or contact.suppressed.
type Event struct {
	ID        string            `json:"id"`     // evt_…
	Object    string            `json:"object"` // "event"
	Type      string            `json:"type"`
	ContactID string            `json:"contact_id"`
	Changes   map[string]Change `json:"changes"` // by field; metadata keys as "metadata.<key>"
	Actor     Actor             `json:"actor"`
	RequestID *string           `json:"request_id"`
	// Context is the consent provenance, on events that set or change consent fields; else nil.
	Context   *Provenance `json:"context"`
	CreatedAt time.Time   `json:"created_at"`
}

// Change is one changed field. Values are as JSON decodes them (string, float64, bool, nil…).
type Change struct {
	From any `json:"from"`
	To   any `json:"to"`
}

// Actor is who made a change.
type Actor struct {
	Type string  `json:"type"` // user, api_key, import, bulk or system
	ID   *string `json:"id"`
	// Name is the user's email, the key's name, the import's file name or the bulk action.
	Name *string `json:"name"`
}

// Provenance is where a consent change came from.
type Provenance struct {
	Source    string  `json:"source"` // api, dashboard, import, bulk or system
	IP        *string `json:"ip"`
	UserAgent *string `json:"user_agent"`
	// Evidence holds an imported file's own consent columns (Mailchimp OPTIN_TIME, OPTIN_IP,
	// CONFIRM_TIME, CONFIRM_IP), or nil.
	Evidence map[string]string `json:"evidence"`
}

// EventList is one page of a contact's timeline, newest first.
type EventList struct {
	Object     string  `json:"object"` // "list"
	Data       []Event `json:"data"`
	HasMore    bool    `json:"has_more"`
	NextCursor *string `json:"next_cursor"`
}

// ListActivityParams pages through a contact's timeline.
type ListActivityParams struct {
	Limit  int    // 1–100, default 25
	Cursor string // NextCursor of the previous page
}

func pageQuery(limit int, cursor string) url.Values {
	q := url.Values{}
	if limit > 0 {
		q.Set("limit", strconv.Itoa(limit))
	}
	if cursor != "" {
		q.Set("cursor", cursor)
	}
	return q
}

// Consent is a contact's consent now, each field with the change that set it, and the history
// of consent changes.
type Consent struct {
	Object           string  `json:"object"` // "consent"
	ContactID        string  `json:"contact_id"`
	Status           string  `json:"status"`
	Suppressed       bool    `json:"suppressed"`
	SuppressedReason *string `json:"suppressed_reason"`
	EmailOK          bool    `json:"email_ok"`
	SMSOK            bool    `json:"sms_ok"`
	WhatsAppOK       bool    `json:"whatsapp_ok"`
	VoiceOK          bool    `json:"voice_ok"`
	// Fields maps status, suppressed, suppressed_reason, email_ok, sms_ok, whatsapp_ok and
	// voice_ok to the change that set them; nil when a field has had its default since before
	// records were kept.
	Fields map[string]*ConsentFieldRecord `json:"fields"`
	// History lists the consent changes, newest first (at most 100).
	History []ConsentHistoryEntry `json:"history"`
}

// ConsentFieldRecord is a consent field's current value with the change that set it.
type ConsentFieldRecord struct {
	Value     any       `json:"value"`
	ChangedAt time.Time `json:"changed_at"`
	EventID   string    `json:"event_id"`
	Actor     Actor     `json:"actor"`
	Provenance
}

// ConsentHistoryEntry is one consent change.
type ConsentHistoryEntry struct {
	EventID   string            `json:"event_id"`
	Type      string            `json:"type"`
	Changes   map[string]Change `json:"changes"` // consent fields only
	Actor     Actor             `json:"actor"`
	CreatedAt time.Time         `json:"created_at"`
	Provenance
}

// Erasure is the answer to Contacts.Erase: only keyed hashes of the Tombstones ("email",
// "phone") remain.
type Erasure struct {
	Object     string    `json:"object"` // "erasure"
	ContactID  string    `json:"contact_id"`
	Erased     bool      `json:"erased"`
	Tombstones []string  `json:"tombstones"`
	ErasedAt   time.Time `json:"erased_at"`
}

// Activity returns one page of a contact's timeline, newest first (ErrNotFound when the contact
// does not exist). ActivityAutoPaging walks every page.
func (s *ContactsService) Activity(ctx context.Context, id string, params *ListActivityParams, opts ...RequestOption) (*EventList, error) {
	if id == "" {
		return nil, errEmptyID
	}
	p := ListActivityParams{}
	if params != nil {
		p = *params
	}
	var out EventList
	if err := s.client.call(ctx, http.MethodGet, contactPath(id)+"/activity", pageQuery(p.Limit, p.Cursor), nil, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}

// ActivityAutoPaging iterates over every event of a contact's timeline, newest first.
func (s *ContactsService) ActivityAutoPaging(ctx context.Context, id string, params *ListActivityParams, opts ...RequestOption) *Iter[Event] {
	p := ListActivityParams{}
	if params != nil {
		p = *params
	}
	return newIter(func(cursor string) ([]Event, bool, string, error) {
		if cursor != "" {
			p.Cursor = cursor
		}
		page, err := s.Activity(ctx, id, &p, opts...)
		if err != nil {
			return nil, false, "", err
		}
		return page.Data, page.HasMore, StringValue(page.NextCursor), nil
	})
}

// Consent returns a contact's consent with its provenance and history.
func (s *ContactsService) Consent(ctx context.Context, id string, opts ...RequestOption) (*Consent, error) {
	if id == "" {
		return nil, errEmptyID
	}
	var out Consent
	if err := s.client.call(ctx, http.MethodGet, contactPath(id)+"/consent", nil, nil, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}

// Erase deletes a contact with its activity and consent details and keeps a keyed hash of its
// email and phone: writing them again is a 409 ErrErased unless the write sets AllowErased.
func (s *ContactsService) Erase(ctx context.Context, id string, opts ...RequestOption) (*Erasure, error) {
	if id == "" {
		return nil, errEmptyID
	}
	var out Erasure
	if err := s.client.call(ctx, http.MethodPost, contactPath(id)+"/erase", nil, nil, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}
