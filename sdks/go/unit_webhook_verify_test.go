package rolo

// VerifyWebhook against a fixed vector made with the Standard Webhooks reference library.

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Made once with the reference library (npm standardwebhooks 1.1.1, installed at the repository root):
//
//	const wh = new (require("standardwebhooks").Webhook)(vecSecret);
//	wh.sign(vecID, new Date(vecTimestamp * 1000), vecBody)                            // -> vecSignature
//	new Webhook(vecOtherSecret).sign(vecID, new Date(vecTimestamp * 1000), vecBody)   // -> vecOtherSignature
const (
	vecSecret         = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
	vecOtherSecret    = "whsec_dGhpcyBpcyBhbm90aGVyIHNlY3JldCE="
	vecID             = "msg_2xKTqL4vN8pQ"
	vecTimestamp      = 1764237600 // 2025-11-27T10:00:00Z
	vecBody           = `{"type":"contact.updated","timestamp":"2025-11-27T10:00:00.000Z","data":{"object":"event","id":"evt_42","type":"contact.updated","contact":{"id":"con_1","first_name":"Zoë"},"changes":{"first_name":{"from":"Zoe","to":"Zoë"}}}}`
	vecSignature      = "v1,PYYVPurEMQizwU0PMAvtE2bc771EIzPvmGD3AxugGMY="
	vecOtherSignature = "v1,dJJr8nAs11meNvSo9opaf4YrsV33aMZAmIdKt1jNaKE="
)

// vecAt is "now" for the checks: half a minute after the vector was signed.
var vecAt = WithWebhookTime(time.Unix(vecTimestamp+30, 0))

func vecHeader(overrides ...string) http.Header {
	h := http.Header{}
	h.Set("webhook-id", vecID)
	h.Set("webhook-timestamp", strconv.Itoa(vecTimestamp))
	h.Set("webhook-signature", vecSignature)
	for i := 0; i+1 < len(overrides); i += 2 {
		if overrides[i+1] == "" {
			h.Del(overrides[i])
		} else {
			h.Set(overrides[i], overrides[i+1])
		}
	}
	return h
}

func wantRefused(t *testing.T, code string, payload string, h http.Header, secret string, opts ...WebhookOption) {
	t.Helper()
	if len(opts) == 0 {
		opts = []WebhookOption{vecAt}
	}
	msg, err := VerifyWebhook([]byte(payload), h, secret, opts...)
	var e *WebhookVerificationError
	if msg != nil || !errors.As(err, &e) || !errors.Is(err, ErrWebhookVerification) || e.Code != code {
		t.Fatalf("want %s, got %v %v", code, msg, err)
	}
}

func TestUnitVerifyWebhookLibraryVector(t *testing.T) {
	msg, err := VerifyWebhook([]byte(vecBody), vecHeader(), vecSecret, vecAt)
	if err != nil {
		t.Fatal(err)
	}
	var data ContactEventData
	if err := json.Unmarshal(msg.Data, &data); err != nil {
		t.Fatal(err)
	}
	if msg.Type != "contact.updated" || !msg.Timestamp.Equal(time.Unix(vecTimestamp, 0)) || data.ID != "evt_42" ||
		StringValue(data.Contact.FirstName) != "Zoë" || data.Changes["first_name"].To != "Zoë" {
		t.Fatalf("decoded %+v %+v", msg, data)
	}
	// Header names in any case, as a client may send them; no whsec_ prefix.
	req, _ := http.NewRequest(http.MethodPost, "http://receiver.example/hook", strings.NewReader(vecBody))
	req.Header.Set("WEBHOOK-ID", vecID)
	req.Header.Set("Webhook-Timestamp", strconv.Itoa(vecTimestamp))
	req.Header.Set("webhook-signature", vecSignature)
	if _, err := VerifyWebhook([]byte(vecBody), req.Header, strings.TrimPrefix(vecSecret, "whsec_"), vecAt); err != nil {
		t.Fatal(err)
	}
	// Our HMAC is the vector's.
	key, _ := base64.StdEncoding.DecodeString(strings.TrimPrefix(vecSecret, "whsec_"))
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(vecID + "." + strconv.Itoa(vecTimestamp) + "." + vecBody))
	if got := "v1," + base64.StdEncoding.EncodeToString(mac.Sum(nil)); got != vecSignature {
		t.Fatalf("hmac %s, want %s", got, vecSignature)
	}
}

func TestUnitVerifyWebhookSeveralSignatures(t *testing.T) {
	rotated := vecHeader("webhook-signature", vecOtherSignature+" v1,not-base64! "+vecSignature)
	if _, err := VerifyWebhook([]byte(vecBody), rotated, vecSecret, vecAt); err != nil {
		t.Fatal(err)
	}
	repeated := vecHeader("webhook-signature", vecOtherSignature)
	repeated.Add("webhook-signature", vecSignature)
	if _, err := VerifyWebhook([]byte(vecBody), repeated, vecSecret, vecAt); err != nil {
		t.Fatal(err)
	}
	if _, err := VerifyWebhook([]byte(vecBody), vecHeader("webhook-signature", vecOtherSignature), vecOtherSecret, vecAt); err != nil {
		t.Fatal(err)
	}
	wantRefused(t, "invalid_signature", vecBody, vecHeader("webhook-signature", vecOtherSignature), vecSecret)
	wantRefused(t, "invalid_signature", vecBody, vecHeader("webhook-signature", strings.Replace(vecSignature, "v1,", "v2,", 1)), vecSecret)
}

func TestUnitVerifyWebhookTampering(t *testing.T) {
	zero := "v1," + base64.StdEncoding.EncodeToString(make([]byte, 32))
	cases := []struct {
		payload string
		header  http.Header
		secret  string
	}{
		{strings.Replace(vecBody, "Zoë", "Zoe", 1), vecHeader(), vecSecret},
		{vecBody + " ", vecHeader(), vecSecret},
		{vecBody, vecHeader("webhook-id", vecID+"x"), vecSecret},
		{vecBody, vecHeader("webhook-timestamp", strconv.Itoa(vecTimestamp+1)), vecSecret},
		{vecBody, vecHeader(), vecOtherSecret},
		{vecBody, vecHeader("webhook-signature", vecSignature[:len(vecSignature)-4]), vecSecret},
		{vecBody, vecHeader("webhook-signature", zero), vecSecret},
	}
	for _, c := range cases {
		wantRefused(t, "invalid_signature", c.payload, c.header, c.secret)
	}
}

func TestUnitVerifyWebhookTimestamps(t *testing.T) {
	at := func(offset int64) WebhookOption { return WithWebhookTime(time.Unix(vecTimestamp+offset, 0)) }
	wantRefused(t, "timestamp_too_old", vecBody, vecHeader(), vecSecret, at(301))
	wantRefused(t, "timestamp_too_new", vecBody, vecHeader(), vecSecret, at(-301))
	if _, err := VerifyWebhook([]byte(vecBody), vecHeader(), vecSecret, at(299)); err != nil {
		t.Fatal(err)
	}
	if _, err := VerifyWebhook([]byte(vecBody), vecHeader(), vecSecret, at(900), WithWebhookTolerance(20*time.Minute)); err != nil {
		t.Fatal(err)
	}
	// By default, the current time: the vector is long past.
	if _, err := VerifyWebhook([]byte(vecBody), vecHeader(), vecSecret); !errors.Is(err, ErrWebhookVerification) ||
		err.(*WebhookVerificationError).Code != "timestamp_too_old" {
		t.Fatalf("err %v", err)
	}
}

func TestUnitVerifyWebhookBadInput(t *testing.T) {
	for _, name := range []string{"webhook-id", "webhook-timestamp", "webhook-signature"} {
		wantRefused(t, "missing_headers", vecBody, vecHeader(name, ""), vecSecret)
	}
	wantRefused(t, "invalid_timestamp", vecBody, vecHeader("webhook-timestamp", "12abc"), vecSecret)
	wantRefused(t, "invalid_timestamp", vecBody, vecHeader("webhook-timestamp", "-5"), vecSecret)
	wantRefused(t, "invalid_secret", vecBody, vecHeader(), "whsec_")
	wantRefused(t, "invalid_secret", vecBody, vecHeader(), "whsec_***")
	key, _ := base64.StdEncoding.DecodeString(strings.TrimPrefix(vecSecret, "whsec_"))
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(vecID + "." + strconv.Itoa(vecTimestamp) + ".not json"))
	sig := "v1," + base64.StdEncoding.EncodeToString(mac.Sum(nil))
	wantRefused(t, "invalid_payload", "not json", vecHeader("webhook-signature", sig), vecSecret)
}
