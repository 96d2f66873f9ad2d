package rolo_test

// Integration tests of issue 11 against a real Rolo: the activity timeline, consent provenance,
// webhooks and erasure.

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"

	rolo "github.com/rolo-dev/rolo-go"
)

func TestIntegrationActivityShowsTheUpdate(t *testing.T) {
	client, ctx := integrationClient(t), testContext(t)
	created, err := client.Contacts.Create(ctx, &rolo.CreateContactParams{Email: email(t, "activity"), FirstName: "Ada", Metadata: map[string]any{"plan": "free"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.Contacts.Update(ctx, created.ID, &rolo.UpdateContactParams{FirstName: rolo.String("Ava"), Metadata: map[string]any{"plan": "pro"}}); err != nil {
		t.Fatal(err)
	}
	page, err := client.Contacts.Activity(ctx, created.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	latest := page.Data[0]
	if latest.Object != "event" || !strings.HasPrefix(latest.ID, "evt_") || latest.Type != "contact.updated" || latest.ContactID != created.ID {
		t.Fatalf("latest event %+v", latest)
	}
	if c := latest.Changes["first_name"]; c.From != "Ada" || c.To != "Ava" {
		t.Fatalf("first_name change %+v", c)
	}
	if c := latest.Changes["metadata.plan"]; c.From != "free" || c.To != "pro" {
		t.Fatalf("metadata.plan change %+v", c)
	}
	if latest.Actor.Type != "api_key" || !strings.HasPrefix(rolo.StringValue(latest.RequestID), "req_") {
		t.Fatalf("actor %+v request %v", latest.Actor, latest.RequestID)
	}
	iter := client.Contacts.ActivityAutoPaging(ctx, created.ID, &rolo.ListActivityParams{Limit: 1})
	var types []string
	for iter.Next() {
		types = append(types, iter.Current().Type)
	}
	if err := iter.Err(); err != nil {
		t.Fatal(err)
	}
	if strings.Join(types, ",") != "contact.updated,contact.created" {
		t.Fatalf("timeline %v", types)
	}
}

func TestIntegrationConsentProvenance(t *testing.T) {
	client, ctx := integrationClient(t), testContext(t)
	created, err := client.Contacts.Create(ctx, &rolo.CreateContactParams{Email: email(t, "consent")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.Contacts.Update(ctx, created.ID, &rolo.UpdateContactParams{Status: rolo.String("unsubscribed")}); err != nil {
		t.Fatal(err)
	}
	consent, err := client.Contacts.Consent(ctx, created.ID)
	if err != nil {
		t.Fatal(err)
	}
	status := consent.Fields["status"]
	if consent.Object != "consent" || consent.ContactID != created.ID || consent.Status != "unsubscribed" || status == nil {
		t.Fatalf("consent %+v", consent)
	}
	if status.Value != "unsubscribed" || status.Source != "api" || status.Actor.Type != "api_key" || !strings.HasPrefix(status.EventID, "evt_") ||
		!strings.HasPrefix(rolo.StringValue(status.UserAgent), "rolo-go/") {
		t.Fatalf("status record %+v (user agent %q)", status, rolo.StringValue(status.UserAgent))
	}
	if len(consent.History) == 0 || consent.History[0].Changes["status"].To != "unsubscribed" || consent.History[0].EventID != status.EventID {
		t.Fatalf("history %+v", consent.History)
	}
}

func TestIntegrationWebhooks(t *testing.T) {
	client, ctx := integrationClient(t), testContext(t)
	// A public address literal: the SSRF guard accepts it without DNS; sends to it just fail and retry.
	url := fmt.Sprintf("https://203.0.113.10/hook-%s", runID)
	created, err := client.Webhooks.Create(ctx, &rolo.CreateWebhookParams{URL: url, Events: []string{"contact.deleted"}, Description: "go " + runID})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(created.ID, "whk_") || !strings.HasPrefix(created.Secret, "whsec_") || created.Object != "webhook_endpoint" ||
		created.URL != url || !created.Enabled || strings.Join(created.Events, ",") != "contact.deleted" {
		t.Fatalf("created %+v", created)
	}
	deleted := false
	t.Cleanup(func() {
		if !deleted {
			_ = client.Webhooks.Delete(ctx, created.ID)
		}
	})

	got, err := client.Webhooks.Get(ctx, created.ID)
	if err != nil || got.Secret != "" || got.URL != url {
		t.Fatalf("get %+v %v (the secret is shown once)", got, err)
	}
	list, err := client.Webhooks.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, w := range list.Data {
		found = found || w.ID == created.ID
	}
	if !found || list.HasMore {
		t.Fatalf("the endpoint is not listed: %+v", list)
	}
	updated, err := client.Webhooks.Update(ctx, created.ID, &rolo.UpdateWebhookParams{Description: rolo.String("renamed"), Events: []string{"contact.deleted", "contact.updated"}})
	if err != nil {
		t.Fatal(err)
	}
	events := append([]string(nil), updated.Events...)
	sort.Strings(events)
	if rolo.StringValue(updated.Description) != "renamed" || strings.Join(events, ",") != "contact.deleted,contact.updated" {
		t.Fatalf("updated %+v", updated)
	}

	delivery, err := client.Webhooks.Test(ctx, created.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(delivery.ID, "msg_") || delivery.Object != "webhook_delivery" || delivery.EndpointID != created.ID || delivery.EventType != "webhook.test" {
		t.Fatalf("test delivery %+v", delivery)
	}
	logged := false
	iter := client.Webhooks.DeliveriesAutoPaging(ctx, created.ID, &rolo.ListWebhookDeliveriesParams{Limit: 1})
	for iter.Next() {
		logged = logged || iter.Current().ID == delivery.ID
	}
	if err := iter.Err(); err != nil || !logged {
		t.Fatalf("the test delivery is not in the log (%v)", err)
	}
	replayed, err := client.Webhooks.Replay(ctx, created.ID, delivery.ID)
	if err != nil || replayed.ID != delivery.ID || replayed.Status != "pending" {
		t.Fatalf("replay %+v %v", replayed, err)
	}

	if err := client.Webhooks.Delete(ctx, created.ID); err != nil {
		t.Fatal(err)
	}
	deleted = true
	if _, err := client.Webhooks.Get(ctx, created.ID); !errors.Is(err, rolo.ErrNotFound) {
		t.Fatalf("after delete: %v", err)
	}
}

func TestIntegrationErase(t *testing.T) {
	client, ctx := integrationClient(t), testContext(t)
	address := email(t, "erase")
	phone := fmt.Sprintf("+1415%d%06d", 2+rng.Intn(8), rng.Intn(1000000))
	created, err := client.Contacts.Create(ctx, &rolo.CreateContactParams{Email: address, Phone: phone})
	if err != nil {
		t.Fatal(err)
	}
	erasure, err := client.Contacts.Erase(ctx, created.ID)
	if err != nil {
		t.Fatal(err)
	}
	tombstones := append([]string(nil), erasure.Tombstones...)
	sort.Strings(tombstones)
	if erasure.Object != "erasure" || erasure.ContactID != created.ID || !erasure.Erased || strings.Join(tombstones, ",") != "email,phone" {
		t.Fatalf("erasure %+v", erasure)
	}
	if _, err := client.Contacts.Get(ctx, created.ID); !errors.Is(err, rolo.ErrNotFound) {
		t.Fatalf("get after erase: %v", err)
	}

	_, err = client.Contacts.Create(ctx, &rolo.CreateContactParams{Email: address})
	if !errors.Is(err, rolo.ErrErased) || !errors.Is(err, rolo.ErrConflict) {
		t.Fatalf("create of an erased email: %v", err)
	}
	if e := apiError(t, err); e.Code != "erased" || !strings.HasPrefix(e.RequestID, "req_") {
		t.Fatalf("error %+v", e)
	}
	batch, err := client.Contacts.BatchUpsert(ctx, &rolo.BatchUpsertParams{Contacts: []rolo.ContactInput{{Email: address}}})
	if err != nil || batch.Failed != 1 || batch.Results[0].Error == nil || batch.Results[0].Error.Code != "erased" {
		t.Fatalf("batch %+v %v", batch, err)
	}
	back, err := client.Contacts.Create(ctx, &rolo.CreateContactParams{Email: address, AllowErased: true})
	if err != nil {
		t.Fatal(err)
	}
	if rolo.StringValue(back.Email) != address || back.ID == created.ID {
		t.Fatalf("recreated %+v", back)
	}
}
