package rolo

// Issue 11 against a fake server: activity (paginated), consent, erase, AllowErased on every
// write, the erased conflict, and the webhooks service with its paginated delivery log.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"
)

func eventJSON(id string) string {
	return fmt.Sprintf(`{"object":"event","id":%q,"type":"contact.updated","contact_id":"con_1",
"changes":{"first_name":{"from":"Jane","to":"Janet"},"metadata.plan":{"from":null,"to":"pro"}},
"actor":{"type":"api_key","id":"key_1","name":"sdk"},"request_id":"req_1","context":null,"created_at":"2026-11-27T10:00:00.000Z"}`, id)
}

func listJSON(items []string, next string) string {
	cursor := "null"
	if next != "" {
		cursor = fmt.Sprintf("%q", next)
	}
	return fmt.Sprintf(`{"object":"list","data":[%s],"has_more":%t,"next_cursor":%s}`, strings.Join(items, ","), next != "", cursor)
}

const endpointJSON = `{"object":"webhook_endpoint","id":"whk_1","url":"https://203.0.113.10/hook","description":null,
"events":["contact.updated"],"enabled":true,"created_at":"2026-11-27T10:00:00.000Z","updated_at":"2026-11-27T10:00:00.000Z"}`

func deliveryJSON(id, status string) string {
	return fmt.Sprintf(`{"object":"webhook_delivery","id":%q,"endpoint_id":"whk_1","event_type":"webhook.test","status":%q,
"attempts":2,"last_status":500,"last_error":"HTTP 500","next_attempt_at":"2026-11-27T10:05:00.000Z","created_at":"2026-11-27T10:00:00.000Z",
"delivered_at":null,"payload":{"type":"webhook.test","timestamp":"2026-11-27T10:00:00.000Z","data":{}}}`, id, status)
}

func TestUnitActivityPageAndAutoPaging(t *testing.T) {
	f := newFake(t,
		reply(200, listJSON([]string{eventJSON("evt_3")}, "")),
		reply(200, listJSON([]string{eventJSON("evt_3"), eventJSON("evt_2")}, "c1")),
		reply(200, listJSON([]string{eventJSON("evt_1")}, "")),
	)
	ctx := context.Background()
	c := f.client()
	page, err := c.Contacts.Activity(ctx, "con/1", &ListActivityParams{Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	e := page.Data[0]
	if e.ID != "evt_3" || e.Changes["first_name"].From != "Jane" || e.Changes["first_name"].To != "Janet" ||
		e.Changes["metadata.plan"].From != nil || e.Actor.Type != "api_key" || StringValue(e.Actor.Name) != "sdk" || e.Context != nil || page.HasMore {
		t.Fatalf("decoded %+v", page)
	}
	iter := c.Contacts.ActivityAutoPaging(ctx, "con_1", &ListActivityParams{Limit: 2})
	var ids []string
	for iter.Next() {
		ids = append(ids, iter.Current().ID)
	}
	if err := iter.Err(); err != nil {
		t.Fatal(err)
	}
	if want := []string{"evt_3", "evt_2", "evt_1"}; !reflect.DeepEqual(ids, want) {
		t.Fatalf("ids %v, want %v", ids, want)
	}
	got := f.got()
	if got[0].RawPath != "/api/v1/contacts/con%2F1/activity" || got[0].Query.Get("limit") != "2" {
		t.Fatalf("first request %s %v", got[0].RawPath, got[0].Query)
	}
	if got[1].Path != "/api/v1/contacts/con_1/activity" || got[1].Query.Get("cursor") != "" ||
		got[2].Query.Get("cursor") != "c1" || got[2].Query.Get("limit") != "2" {
		t.Fatalf("pages requested %v then %v", got[1].Query, got[2].Query)
	}
}

func TestUnitActivityOfMissingContactIsNotFound(t *testing.T) {
	f := newFake(t, reply(404, envelope("not_found", "No such contact", "req_404")))
	iter := f.client().Contacts.ActivityAutoPaging(context.Background(), "con_x", nil)
	if iter.Next() {
		t.Fatal("Next with a 404")
	}
	if !errors.Is(iter.Err(), ErrNotFound) || apiErr(t, iter.Err()).RequestID != "req_404" {
		t.Fatalf("err %v", iter.Err())
	}
}

func apiErr(t *testing.T, err error) *Error {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("want *Error, got %T %v", err, err)
	}
	return e
}

func TestUnitConsentAndErase(t *testing.T) {
	f := newFake(t,
		reply(200, `{"object":"consent","contact_id":"con_1","status":"unsubscribed","suppressed":false,"suppressed_reason":null,
"email_ok":true,"sms_ok":true,"whatsapp_ok":true,"voice_ok":true,
"fields":{"status":{"value":"unsubscribed","changed_at":"2026-11-27T10:00:00.000Z","event_id":"evt_2",
"actor":{"type":"import","id":"imp_1","name":"list.csv"},"source":"import","ip":null,"user_agent":null,"evidence":{"OPTIN_IP":"198.51.100.7"}},
"email_ok":null},
"history":[{"event_id":"evt_2","type":"contact.unsubscribed","changes":{"status":{"from":"subscribed","to":"unsubscribed"}},
"actor":{"type":"import","id":"imp_1","name":"list.csv"},"source":"import","ip":null,"user_agent":null,"evidence":null,"created_at":"2026-11-27T10:00:00.000Z"}]}`),
		reply(200, `{"object":"erasure","contact_id":"con_1","erased":true,"tombstones":["email","phone"],"erased_at":"2026-11-27T10:00:00.000Z"}`),
	)
	ctx := context.Background()
	c := f.client()
	consent, err := c.Contacts.Consent(ctx, "con_1")
	if err != nil {
		t.Fatal(err)
	}
	status := consent.Fields["status"]
	if consent.Status != "unsubscribed" || status == nil || status.Source != "import" || StringValue(status.Actor.Name) != "list.csv" ||
		status.Evidence["OPTIN_IP"] != "198.51.100.7" || status.EventID != "evt_2" || consent.Fields["email_ok"] != nil ||
		consent.History[0].Changes["status"].To != "unsubscribed" || consent.History[0].Source != "import" {
		t.Fatalf("decoded %+v", consent)
	}
	erasure, err := c.Contacts.Erase(ctx, "con_1", WithIdempotencyKey("erase-1"))
	if err != nil {
		t.Fatal(err)
	}
	if !erasure.Erased || !reflect.DeepEqual(erasure.Tombstones, []string{"email", "phone"}) {
		t.Fatalf("decoded %+v", erasure)
	}
	got := f.got()
	if got[0].Method != http.MethodGet || got[0].Path != "/api/v1/contacts/con_1/consent" {
		t.Fatalf("consent request %s %s", got[0].Method, got[0].Path)
	}
	if got[1].Method != http.MethodPost || got[1].Path != "/api/v1/contacts/con_1/erase" || len(got[1].Body) != 0 ||
		got[1].Header.Get("Idempotency-Key") != "erase-1" {
		t.Fatalf("erase request %s %s %q %v", got[1].Method, got[1].Path, got[1].Body, got[1].Header)
	}
	if _, err := c.Contacts.Erase(ctx, ""); err == nil {
		t.Fatal("an empty id must be refused before sending")
	}
}

func TestUnitAllowErasedOnEveryWrite(t *testing.T) {
	f := newFake(t,
		reply(201, contactJSON), reply(200, contactJSON), reply(200, contactJSON),
		reply(200, `{"created":1,"updated":0,"failed":0,"results":[]}`),
		reply(202, `{"id":"imp_1","object":"import","status":"queued"}`),
		reply(201, contactJSON),
	)
	ctx := context.Background()
	c := f.client()
	mustNot := func(_ any, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	mustNot(c.Contacts.Create(ctx, &CreateContactParams{Email: "a@example.com", AllowErased: true}))
	mustNot(c.Contacts.Upsert(ctx, &CreateContactParams{Email: "a@example.com", AllowErased: true}))
	mustNot(c.Contacts.Update(ctx, "con_1", &UpdateContactParams{Email: String("b@example.com"), AllowErased: true}))
	mustNot(c.Contacts.BatchUpsert(ctx, &BatchUpsertParams{Contacts: []ContactInput{{Email: "a@example.com"}}, AllowErased: true}))
	mustNot(c.Contacts.Imports.Create(ctx, &CreateImportParams{File: strings.NewReader("email\na@example.com\n"), AllowErased: true}))
	mustNot(c.Contacts.Create(ctx, &CreateContactParams{Email: "c@example.com"}))
	got := f.got()
	want := []string{
		`{"allow_erased":true,"email":"a@example.com"}`,
		`{"allow_erased":true,"email":"a@example.com"}`,
		`{"allow_erased":true,"email":"b@example.com"}`,
		`{"allow_erased":true,"contacts":[{"email":"a@example.com"}]}`,
	}
	for i, w := range want {
		if canonical(t, got[i].Body) != w {
			t.Fatalf("request %d body %s, want %s", i, got[i].Body, w)
		}
	}
	fields, _, _ := readMultipart(t, got[4])
	if fields["allow_erased"] != "true" {
		t.Fatalf("import fields %v", fields)
	}
	if canonical(t, got[5].Body) != `{"email":"c@example.com"}` {
		t.Fatalf("false must be left out: %s", got[5].Body)
	}
}

// canonical re-encodes a JSON object with sorted keys.
func canonical(t *testing.T, b []byte) string {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("not JSON: %s", b)
	}
	out, _ := json.Marshal(v)
	return string(out)
}

func TestUnitErasedConflictIsErrErasedAndNotRetried(t *testing.T) {
	f := newFake(t, reply(409, envelope("erased", "This email belongs to an erased contact", "req_409")))
	_, err := f.client().Contacts.Create(context.Background(), &CreateContactParams{Email: "gone@example.com"})
	if !errors.Is(err, ErrErased) || !errors.Is(err, ErrConflict) || errors.Is(err, ErrIdempotencyInProgress) {
		t.Fatalf("err %v", err)
	}
	if e := apiErr(t, err); e.Code != "erased" || e.StatusCode != 409 || e.RequestID != "req_409" {
		t.Fatalf("error %+v", e)
	}
	if n := len(f.got()); n != 1 {
		t.Fatalf("%d requests: a 409 erased must not be retried", n)
	}
	conflict := &Error{StatusCode: 409, Code: "conflict"}
	if errors.Is(conflict, ErrErased) {
		t.Fatal("a plain conflict is not ErrErased")
	}
}

func TestUnitWebhooksCRUDTestReplay(t *testing.T) {
	f := newFake(t,
		reply(200, listJSON([]string{endpointJSON}, "")),
		reply(201, strings.Replace(endpointJSON, `"enabled":true`, `"enabled":true,"secret":"whsec_c2VjcmV0"`, 1)),
		reply(200, endpointJSON),
		reply(200, strings.Replace(endpointJSON, `"enabled":true`, `"enabled":false`, 1)),
		reply(204, ""),
		reply(202, deliveryJSON("msg_1", "pending")),
		reply(202, deliveryJSON("msg_1", "pending")),
	)
	ctx := context.Background()
	hooks := f.client().Webhooks
	list, err := hooks.List(ctx)
	if err != nil || len(list.Data) != 1 || list.Data[0].ID != "whk_1" || list.Data[0].Description != nil {
		t.Fatalf("list %+v %v", list, err)
	}
	created, err := hooks.Create(ctx, &CreateWebhookParams{URL: "https://203.0.113.10/hook", Events: []string{"contact.updated"}, Description: "CRM"})
	if err != nil || created.Secret != "whsec_c2VjcmV0" {
		t.Fatalf("create %+v %v", created, err)
	}
	if got, err := hooks.Get(ctx, "whk_1"); err != nil || got.Secret != "" || got.URL != "https://203.0.113.10/hook" {
		t.Fatalf("get %+v %v", got, err)
	}
	if got, err := hooks.Update(ctx, "whk_1", &UpdateWebhookParams{Enabled: Bool(false)}); err != nil || got.Enabled {
		t.Fatalf("update %+v %v", got, err)
	}
	if err := hooks.Delete(ctx, "whk/1"); err != nil {
		t.Fatal(err)
	}
	tested, err := hooks.Test(ctx, "whk_1")
	if err != nil || tested.EventType != "webhook.test" || *tested.LastStatus != 500 || tested.DeliveredAt != nil {
		t.Fatalf("test %+v %v", tested, err)
	}
	var payload WebhookMessage
	if err := json.Unmarshal(tested.Payload, &payload); err != nil || payload.Type != "webhook.test" {
		t.Fatalf("payload %s %v", tested.Payload, err)
	}
	if replayed, err := hooks.Replay(ctx, "whk_1", "msg_1"); err != nil || replayed.ID != "msg_1" {
		t.Fatalf("replay %+v %v", replayed, err)
	}
	var sent []string
	for _, r := range f.got() {
		line := r.Method + " " + r.RawPath
		if len(r.Body) > 0 {
			line += " " + canonical(t, r.Body)
		}
		if r.Method != http.MethodGet && r.Header.Get("Idempotency-Key") == "" {
			t.Fatalf("%s without an Idempotency-Key", line)
		}
		sent = append(sent, line)
	}
	want := []string{
		"GET /api/v1/webhooks",
		`POST /api/v1/webhooks {"description":"CRM","events":["contact.updated"],"url":"https://203.0.113.10/hook"}`,
		"GET /api/v1/webhooks/whk_1",
		`PATCH /api/v1/webhooks/whk_1 {"enabled":false}`,
		"DELETE /api/v1/webhooks/whk%2F1",
		"POST /api/v1/webhooks/whk_1/test",
		"POST /api/v1/webhooks/whk_1/deliveries/msg_1/replay",
	}
	if !reflect.DeepEqual(sent, want) {
		t.Fatalf("sent\n%s\nwant\n%s", strings.Join(sent, "\n"), strings.Join(want, "\n"))
	}
}

func TestUnitWebhookDeliveriesAutoPagingKeepsTheStatus(t *testing.T) {
	f := newFake(t,
		reply(200, listJSON([]string{deliveryJSON("msg_3", "failed")}, "c1")),
		reply(200, listJSON([]string{deliveryJSON("msg_2", "failed")}, "c2")),
		reply(200, listJSON([]string{deliveryJSON("msg_1", "failed")}, "")),
		reply(403, envelope("forbidden", "This API key is read-only", "req_403")),
	)
	ctx := context.Background()
	hooks := f.client().Webhooks
	iter := hooks.DeliveriesAutoPaging(ctx, "whk_1", &ListWebhookDeliveriesParams{Status: "failed", Limit: 1})
	var ids []string
	for iter.Next() {
		ids = append(ids, iter.Current().ID)
	}
	if err := iter.Err(); err != nil {
		t.Fatal(err)
	}
	if want := []string{"msg_3", "msg_2", "msg_1"}; !reflect.DeepEqual(ids, want) {
		t.Fatalf("ids %v", ids)
	}
	for i, r := range f.got() {
		wantCursor := []string{"", "c1", "c2"}[i]
		if r.Path != "/api/v1/webhooks/whk_1/deliveries" || r.Query.Get("status") != "failed" || r.Query.Get("limit") != "1" || r.Query.Get("cursor") != wantCursor {
			t.Fatalf("request %d: %s %v", i, r.Path, r.Query)
		}
	}
	_, err := hooks.Create(ctx, &CreateWebhookParams{URL: "https://203.0.113.10/hook"})
	if !errors.Is(err, ErrForbidden) {
		t.Fatalf("err %v", err)
	}
}
