package rolo

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// Sentinels for errors.Is. An *Error matches the ones for its status and code; a
// *ConnectionError matches ErrConnection and a *TimeoutError matches ErrTimeout.
var (
	ErrBadRequest            = errors.New("rolo: bad request")            // any 400
	ErrValidation            = errors.New("rolo: validation error")       // code validation_error
	ErrUnauthorized          = errors.New("rolo: unauthorized")           // 401
	ErrForbidden             = errors.New("rolo: forbidden")              // 403
	ErrNotFound              = errors.New("rolo: not found")              // 404
	ErrConflict              = errors.New("rolo: conflict")               // any 409
	ErrErased                = errors.New("rolo: erased")                 // 409 erased: the email or phone of an erased contact
	ErrIdempotencyInProgress = errors.New("rolo: idempotency key in use") // 409 idempotency_in_progress (after the retries)
	ErrPayloadTooLarge       = errors.New("rolo: payload too large")      // 413
	ErrUnsupportedMediaType  = errors.New("rolo: unsupported media type") // 415
	ErrIdempotencyMismatch   = errors.New("rolo: idempotency mismatch")   // 422 idempotency_mismatch
	ErrRateLimited           = errors.New("rolo: rate limited")           // 429
	ErrServer                = errors.New("rolo: server error")           // any 5xx
	ErrConnection            = errors.New("rolo: connection error")
	ErrTimeout               = errors.New("rolo: request timed out")
)

// Error is an error answer of the API: its HTTP status and the error envelope
// {"error":{"code","message","details","request_id"}}.
type Error struct {
	StatusCode int
	Code       string // e.g. "not_found", "validation_error"; empty when the body was not the envelope
	Message    string
	Details    any    // field issues ([]any of {"path","message"}) or an object, as the API sent it
	RequestID  string // quote it to support
	ExistingID string // on a 409 conflict: the contact that holds the email or phone
	Header     http.Header
	Body       string // the raw body (at most 64 KB), e.g. a proxy's HTML page
}

func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "rolo: %d", e.StatusCode)
	if e.Code != "" {
		fmt.Fprintf(&b, " %s", e.Code)
	}
	if e.Message != "" {
		fmt.Fprintf(&b, ": %s", e.Message)
	}
	if e.RequestID != "" {
		fmt.Fprintf(&b, " (request %s)", e.RequestID)
	}
	return b.String()
}

// Is makes errors.Is(err, rolo.ErrNotFound) and the other sentinels work.
func (e *Error) Is(target error) bool {
	switch target {
	case ErrBadRequest:
		return e.StatusCode == http.StatusBadRequest
	case ErrValidation:
		return e.Code == "validation_error"
	case ErrUnauthorized:
		return e.StatusCode == http.StatusUnauthorized
	case ErrForbidden:
		return e.StatusCode == http.StatusForbidden
	case ErrNotFound:
		return e.StatusCode == http.StatusNotFound
	case ErrConflict:
		return e.StatusCode == http.StatusConflict
	case ErrIdempotencyInProgress:
		return e.Code == "idempotency_in_progress"
	case ErrErased:
		return e.Code == "erased"
	case ErrPayloadTooLarge:
		return e.StatusCode == http.StatusRequestEntityTooLarge
	case ErrUnsupportedMediaType:
		return e.StatusCode == http.StatusUnsupportedMediaType
	case ErrIdempotencyMismatch:
		return e.Code == "idempotency_mismatch"
	case ErrRateLimited:
		return e.StatusCode == http.StatusTooManyRequests
	case ErrServer:
		return e.StatusCode >= 500
	}
	return false
}

// ConnectionError is a request that got no HTTP answer (refused, reset, DNS…). It was retried.
type ConnectionError struct{ Err error }

func (e *ConnectionError) Error() string { return "rolo: connection error: " + e.Err.Error() }
func (e *ConnectionError) Unwrap() error { return e.Err }

// Is matches ErrConnection.
func (e *ConnectionError) Is(target error) bool { return target == ErrConnection }

// TimeoutError is an attempt that exceeded the client's per-attempt timeout (WithTimeout). It
// was retried. A deadline or cancellation of the caller's context is returned as ctx.Err().
type TimeoutError struct{ Err error }

func (e *TimeoutError) Error() string { return "rolo: request timed out: " + e.Err.Error() }
func (e *TimeoutError) Unwrap() error { return e.Err }

// Is matches ErrTimeout.
func (e *TimeoutError) Is(target error) bool { return target == ErrTimeout }

// Timeout reports true, like net.Error.
func (e *TimeoutError) Timeout() bool { return true }

const maxErrorBody = 64 << 10

// newAPIError builds an *Error from a non-2xx answer whose body (already read) may be the envelope.
func newAPIError(resp *http.Response, body []byte) *Error {
	e := &Error{StatusCode: resp.StatusCode, Header: resp.Header, Body: string(body), RequestID: resp.Header.Get("X-Request-Id")}
	var envelope struct {
		Error *struct {
			Code       string `json:"code"`
			Message    string `json:"message"`
			Details    any    `json:"details"`
			RequestID  string `json:"request_id"`
			ExistingID string `json:"existing_id"`
		} `json:"error"`
	}
	if json.Unmarshal(body, &envelope) == nil && envelope.Error != nil {
		e.Code, e.Message, e.Details, e.ExistingID = envelope.Error.Code, envelope.Error.Message, envelope.Error.Details, envelope.Error.ExistingID
		if envelope.Error.RequestID != "" {
			e.RequestID = envelope.Error.RequestID
		}
	}
	if e.Message == "" {
		e.Message = http.StatusText(resp.StatusCode)
	}
	return e
}
