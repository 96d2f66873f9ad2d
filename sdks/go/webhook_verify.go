package rolo

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// ErrWebhookVerification matches every *WebhookVerificationError.
var ErrWebhookVerification = errors.New("rolo: webhook verification failed")

// WebhookVerificationError is a webhook message VerifyWebhook refused: answer the request with
// a 400 and do not act on it. Code says why: missing_headers, invalid_timestamp,
// timestamp_too_old, timestamp_too_new, invalid_signature, invalid_secret or invalid_payload.
type WebhookVerificationError struct {
	Code    string
	Message string
}

func (e *WebhookVerificationError) Error() string {
	return "rolo: webhook " + e.Code + ": " + e.Message
}

// Is matches ErrWebhookVerification.
func (e *WebhookVerificationError) Is(target error) bool { return target == ErrWebhookVerification }

// WebhookMessage is a verified message body. Decode Data by Type: contact.* events into a
// ContactEventData, import.completed into an Import, bulk.completed into a BulkJob.
type WebhookMessage struct {
	Type      string          `json:"type"`
	Timestamp time.Time       `json:"timestamp"`
	Data      json.RawMessage `json:"data"`
}

// ContactEventData is the Data of a contact.created, contact.updated, contact.deleted or
// contact.unsubscribed message: the timeline event with the contact after the change.
type ContactEventData struct {
	ID        string            `json:"id"`     // evt_…
	Object    string            `json:"object"` // "event"
	Type      string            `json:"type"`
	Contact   Contact           `json:"contact"`
	Changes   map[string]Change `json:"changes"`
	Actor     Actor             `json:"actor"`
	RequestID *string           `json:"request_id"`
	CreatedAt time.Time         `json:"created_at"`
}

// WebhookOption changes how VerifyWebhook checks the timestamp.
type WebhookOption func(*webhookCheck)

type webhookCheck struct {
	tolerance time.Duration
	now       time.Time
}

// WithWebhookTolerance sets how far the message's timestamp may be from now (default 5 minutes).
func WithWebhookTolerance(d time.Duration) WebhookOption {
	return func(c *webhookCheck) { c.tolerance = d }
}

// WithWebhookTime checks the timestamp against t instead of the current time (e.g. the time a
// stored message arrived).
func WithWebhookTime(t time.Time) WebhookOption {
	return func(c *webhookCheck) { c.now = t }
}

// VerifyWebhook checks that a message came from Rolo (Standard Webhooks: an HMAC-SHA256 of
// "id.timestamp.body" keyed by the endpoint's whsec_ secret) and decodes it. payload must be the
// raw body exactly as received. The error is a *WebhookVerificationError when no signature
// matches or the timestamp is more than 5 minutes from now.
//
//	body, _ := io.ReadAll(r.Body)
//	msg, err := rolo.VerifyWebhook(body, r.Header, os.Getenv("ROLO_WEBHOOK_SECRET"))
//	if err != nil { http.Error(w, "bad signature", http.StatusBadRequest); return }
func VerifyWebhook(payload []byte, header http.Header, secret string, opts ...WebhookOption) (*WebhookMessage, error) {
	check := webhookCheck{tolerance: 5 * time.Minute, now: time.Now()}
	for _, opt := range opts {
		opt(&check)
	}
	id := header.Get("webhook-id")
	timestamp := header.Get("webhook-timestamp")
	signatures := strings.Join(header.Values("webhook-signature"), " ")
	if id == "" || timestamp == "" || signatures == "" {
		return nil, verifyError("missing_headers", "missing webhook-id, webhook-timestamp or webhook-signature header")
	}
	if err := checkWebhookTime(timestamp, check); err != nil {
		return nil, err
	}
	key, ok := decodeBase64(strings.TrimPrefix(secret, "whsec_"))
	if !ok || len(key) == 0 {
		return nil, verifyError("invalid_secret", "the secret must be whsec_ and base64")
	}
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(id + "." + timestamp + "."))
	mac.Write(payload)
	expected := mac.Sum(nil)
	// Several space-separated signatures while a secret rotates: any v1 one that matches will do.
	matched := false
	for _, entry := range strings.Split(signatures, " ") {
		version, signature, found := strings.Cut(strings.TrimSuffix(entry, ","), ",")
		if !found || version != "v1" {
			continue
		}
		if given, ok := decodeBase64(signature); ok && hmac.Equal(given, expected) {
			matched = true
			break
		}
	}
	if !matched {
		return nil, verifyError("invalid_signature", "no matching signature")
	}
	var msg WebhookMessage
	if err := json.Unmarshal(payload, &msg); err != nil {
		return nil, verifyError("invalid_payload", "the signed body is not a JSON message: "+err.Error())
	}
	return &msg, nil
}

func verifyError(code, message string) error {
	return &WebhookVerificationError{Code: code, Message: message}
}

func checkWebhookTime(value string, check webhookCheck) error {
	for _, r := range value {
		if r < '0' || r > '9' {
			return verifyError("invalid_timestamp", "webhook-timestamp is not a number of seconds")
		}
	}
	seconds, err := strconv.ParseInt(value, 10, 64)
	if err != nil {
		return verifyError("invalid_timestamp", "webhook-timestamp is not a number of seconds")
	}
	sent := time.Unix(seconds, 0)
	if check.now.Sub(sent) > check.tolerance {
		return verifyError("timestamp_too_old", "the timestamp is too old")
	}
	if sent.Sub(check.now) > check.tolerance {
		return verifyError("timestamp_too_new", "the timestamp is too far in the future")
	}
	return nil
}

// decodeBase64 reads standard base64 with or without padding.
func decodeBase64(s string) ([]byte, bool) {
	b, err := base64.RawStdEncoding.DecodeString(strings.TrimRight(s, "="))
	return b, err == nil
}
