package rolo

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"time"
)

// WebhookEndpoint is a URL Rolo sends signed events to (Standard Webhooks).
type WebhookEndpoint struct {
	ID          string    `json:"id"`     // whk_…
	Object      string    `json:"object"` // "webhook_endpoint"
	URL         string    `json:"url"`
	Description *string   `json:"description"`
	Events      []string  `json:"events"`
	Enabled     bool      `json:"enabled"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
	// Secret (whsec_…) is only in the answer to Create: keep it for VerifyWebhook.
	Secret string `json:"secret,omitempty"`
}

// WebhookEndpointList holds every webhook endpoint of the workspace (at most 20), oldest first.
type WebhookEndpointList struct {
	Object     string            `json:"object"` // "list"
	Data       []WebhookEndpoint `json:"data"`
	HasMore    bool              `json:"has_more"`
	NextCursor *string           `json:"next_cursor"`
}

// CreateWebhookParams is a new endpoint. Events left empty means every type (contact.created,
// contact.updated, contact.deleted, contact.unsubscribed, import.completed, bulk.completed, and
// later ones). Private, loopback and link-local URLs are refused.
type CreateWebhookParams struct {
	URL         string   `json:"url"`
	Events      []string `json:"events,omitempty"`
	Description string   `json:"description,omitempty"`
	Enabled     *bool    `json:"enabled,omitempty"` // default true
	// Extra holds body fields this SDK version does not know yet; they override typed fields.
	Extra map[string]any `json:"-"`
}

// MarshalJSON adds Extra to the encoded fields.
func (p CreateWebhookParams) MarshalJSON() ([]byte, error) {
	type plain CreateWebhookParams
	b, err := json.Marshal(plain(p))
	if err != nil {
		return nil, err
	}
	return mergeExtra(b, p.Extra)
}

// UpdateWebhookParams changes the given fields of an endpoint; nil fields are left alone. Events
// replaces the list (Extra {"events": []string{}}: every type); Extra {"description": nil}
// clears the description.
type UpdateWebhookParams struct {
	URL         *string  `json:"url,omitempty"`
	Events      []string `json:"events,omitempty"`
	Description *string  `json:"description,omitempty"`
	Enabled     *bool    `json:"enabled,omitempty"`
	// Extra holds body fields this SDK version does not know yet; they override typed fields.
	Extra map[string]any `json:"-"`
}

// MarshalJSON adds Extra to the encoded fields.
func (p UpdateWebhookParams) MarshalJSON() ([]byte, error) {
	type plain UpdateWebhookParams
	b, err := json.Marshal(plain(p))
	if err != nil {
		return nil, err
	}
	return mergeExtra(b, p.Extra)
}

// WebhookDelivery is one message to one endpoint with its attempts so far (retried with
// backoff for about a day).
type WebhookDelivery struct {
	ID            string     `json:"id"`     // msg_…, also the webhook-id header of the message
	Object        string     `json:"object"` // "webhook_delivery"
	EndpointID    string     `json:"endpoint_id"`
	EventType     string     `json:"event_type"`
	Status        string     `json:"status"` // pending, delivered or failed
	Attempts      int        `json:"attempts"`
	LastStatus    *int       `json:"last_status"` // the HTTP status of the last attempt
	LastError     *string    `json:"last_error"`
	NextAttemptAt *time.Time `json:"next_attempt_at"`
	CreatedAt     time.Time  `json:"created_at"`
	DeliveredAt   *time.Time `json:"delivered_at"`
	// Payload is the message body, {"type","timestamp","data"}: decode it like a WebhookMessage.
	Payload json.RawMessage `json:"payload"`
}

// WebhookDeliveryList is one page of an endpoint's delivery log, newest first.
type WebhookDeliveryList struct {
	Object     string            `json:"object"` // "list"
	Data       []WebhookDelivery `json:"data"`
	HasMore    bool              `json:"has_more"`
	NextCursor *string           `json:"next_cursor"`
}

// ListWebhookDeliveriesParams pages through a delivery log.
type ListWebhookDeliveriesParams struct {
	Limit  int
	Cursor string
	Status string // pending, delivered or failed; empty: all
}

// WebhooksService holds the webhook endpoints (owners, admins and full-scope keys).
type WebhooksService struct{ client *Client }

func webhookPath(id string) string { return "/webhooks/" + url.PathEscape(id) }

// List returns every endpoint of the workspace (at most 20), without secrets.
func (s *WebhooksService) List(ctx context.Context, opts ...RequestOption) (*WebhookEndpointList, error) {
	var out WebhookEndpointList
	if err := s.client.call(ctx, http.MethodGet, "/webhooks", nil, nil, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}

// Create adds an endpoint; the answer carries its Secret, shown only this once (a create replayed
// with the same idempotency key is ErrConflict: List to find the endpoint).
func (s *WebhooksService) Create(ctx context.Context, params *CreateWebhookParams, opts ...RequestOption) (*WebhookEndpoint, error) {
	if params == nil {
		return nil, errors.New("rolo: CreateWebhookParams is required")
	}
	var out WebhookEndpoint
	if err := s.client.call(ctx, http.MethodPost, "/webhooks", nil, params, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}

// Get returns one endpoint (ErrNotFound when it does not exist).
func (s *WebhooksService) Get(ctx context.Context, id string, opts ...RequestOption) (*WebhookEndpoint, error) {
	if id == "" {
		return nil, errEmptyID
	}
	var out WebhookEndpoint
	if err := s.client.call(ctx, http.MethodGet, webhookPath(id), nil, nil, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}

// Update changes the given fields of an endpoint.
func (s *WebhooksService) Update(ctx context.Context, id string, params *UpdateWebhookParams, opts ...RequestOption) (*WebhookEndpoint, error) {
	if id == "" {
		return nil, errEmptyID
	}
	if params == nil {
		params = &UpdateWebhookParams{}
	}
	var out WebhookEndpoint
	if err := s.client.call(ctx, http.MethodPatch, webhookPath(id), nil, params, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}

// Delete removes an endpoint.
func (s *WebhooksService) Delete(ctx context.Context, id string, opts ...RequestOption) error {
	if id == "" {
		return errEmptyID
	}
	return s.client.call(ctx, http.MethodDelete, webhookPath(id), nil, nil, nil, opts)
}

// Deliveries returns one page of an endpoint's delivery log, newest first;
// DeliveriesAutoPaging walks every page.
func (s *WebhooksService) Deliveries(ctx context.Context, id string, params *ListWebhookDeliveriesParams, opts ...RequestOption) (*WebhookDeliveryList, error) {
	if id == "" {
		return nil, errEmptyID
	}
	p := ListWebhookDeliveriesParams{}
	if params != nil {
		p = *params
	}
	q := pageQuery(p.Limit, p.Cursor)
	if p.Status != "" {
		q.Set("status", p.Status)
	}
	var out WebhookDeliveryList
	if err := s.client.call(ctx, http.MethodGet, webhookPath(id)+"/deliveries", q, nil, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeliveriesAutoPaging iterates over every delivery of an endpoint, newest first.
func (s *WebhooksService) DeliveriesAutoPaging(ctx context.Context, id string, params *ListWebhookDeliveriesParams, opts ...RequestOption) *Iter[WebhookDelivery] {
	p := ListWebhookDeliveriesParams{}
	if params != nil {
		p = *params
	}
	return newIter(func(cursor string) ([]WebhookDelivery, bool, string, error) {
		if cursor != "" {
			p.Cursor = cursor
		}
		page, err := s.Deliveries(ctx, id, &p, opts...)
		if err != nil {
			return nil, false, "", err
		}
		return page.Data, page.HasMore, StringValue(page.NextCursor), nil
	})
}

// Test queues a webhook.test message to the endpoint and returns its delivery (ErrConflict
// when the endpoint is disabled).
func (s *WebhooksService) Test(ctx context.Context, id string, opts ...RequestOption) (*WebhookDelivery, error) {
	if id == "" {
		return nil, errEmptyID
	}
	var out WebhookDelivery
	if err := s.client.call(ctx, http.MethodPost, webhookPath(id)+"/test", nil, nil, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}

// Replay sends a delivery again: the same delivery (same ID), pending again.
func (s *WebhooksService) Replay(ctx context.Context, id, deliveryID string, opts ...RequestOption) (*WebhookDelivery, error) {
	if id == "" || deliveryID == "" {
		return nil, errEmptyID
	}
	var out WebhookDelivery
	path := webhookPath(id) + "/deliveries/" + url.PathEscape(deliveryID) + "/replay"
	if err := s.client.call(ctx, http.MethodPost, path, nil, nil, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}
