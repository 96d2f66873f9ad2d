package rolo

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"
)

const emptyPage = `{"object":"list","data":[],"has_more":false,"next_cursor":null}`

func TestUnitIdempotencyInProgressIsRetriedButConflictIsNot(t *testing.T) {
	inProgress := envelope("idempotency_in_progress", "A request with this Idempotency-Key is still being processed", "req_ip")
	f := newFake(t, reply(409, inProgress), reply(409, inProgress), reply(201, contactJSON),
		reply(409, envelope("conflict", "A contact with this email already exists", "req_c")),
		reply(409, inProgress), reply(409, inProgress))
	c := f.client()
	ctx := context.Background()
	if _, err := c.Contacts.Create(ctx, &CreateContactParams{Email: "a@example.com"}); err != nil {
		t.Fatal(err)
	}
	reqs := f.got()
	if len(reqs) != 3 || reqs[0].Header.Get("Idempotency-Key") == "" ||
		reqs[0].Header.Get("Idempotency-Key") != reqs[1].Header.Get("Idempotency-Key") || reqs[1].Header.Get("Idempotency-Key") != reqs[2].Header.Get("Idempotency-Key") {
		t.Fatalf("%d requests; all must carry one key", len(reqs))
	}

	_, err := c.Contacts.Create(ctx, &CreateContactParams{Email: "a@example.com"})
	if !errors.Is(err, ErrConflict) || errors.Is(err, ErrIdempotencyInProgress) || len(f.got()) != 4 {
		t.Fatalf("a data conflict is final: %v after %d requests", err, len(f.got()))
	}

	_, err = f.client(WithMaxRetries(1)).Contacts.Create(ctx, &CreateContactParams{Email: "a@example.com"})
	if !errors.Is(err, ErrIdempotencyInProgress) || !errors.Is(err, ErrConflict) || len(f.got()) != 6 {
		t.Fatalf("after the retries: %v after %d requests", err, len(f.got()))
	}
}

func TestUnitListFiltersAndMetadataQuery(t *testing.T) {
	f := newFake(t, reply(200, emptyPage))
	_, err := f.client().Contacts.List(context.Background(), &ListContactsParams{
		HasEmail:      Bool(true),
		HasPhone:      Bool(false),
		UpdatedAfter:  time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC),
		UpdatedBefore: time.Date(2026, 3, 1, 1, 0, 0, 0, time.FixedZone("CET", 3600)),
		Segment:       "seg_42",
		Metadata: MetadataFilter{
			"plan":  "pro",
			"score": MetadataCondition{Gte: 10, Lt: 99.5},
			"tier":  &MetadataCondition{In: []any{"gold", "silver", true}},
			"vip":   MetadataCondition{Exists: Bool(true)},
			"since": map[string]any{"gt": time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), "in": []string{"a", "b"}},
			"seats": 0,
			"trial": false,
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := url.Values{
		"has_email": {"true"}, "has_phone": {"false"},
		"updated_after": {"2026-02-01T00:00:00Z"}, "updated_before": {"2026-03-01T00:00:00Z"},
		"segment":        {"seg_42"},
		"metadata[plan]": {"pro"}, "metadata[score][gte]": {"10"}, "metadata[score][lt]": {"99.5"},
		"metadata[tier][in]": {"gold,silver,true"}, "metadata[vip][exists]": {"true"},
		"metadata[since][gt]": {"2025-01-01T00:00:00Z"}, "metadata[since][in]": {"a,b"},
		"metadata[seats]": {"0"}, "metadata[trial]": {"false"},
	}
	if q := f.got()[0].Query; q.Encode() != want.Encode() {
		t.Fatalf("query\n %s\nwant\n %s", q.Encode(), want.Encode())
	}
}

func TestUnitExportFilterAndSegment(t *testing.T) {
	f := newFake(t, reply(200, "id,email\r\n", "Content-Type", "text/csv"))
	rc, err := f.client().Contacts.Export(context.Background(), &ExportContactsParams{
		ContactFilter: ContactFilter{HasPhone: Bool(true), Metadata: MetadataFilter{"plan": MetadataCondition{Eq: "pro"}}},
		Segment:       "seg_1",
	})
	if err != nil {
		t.Fatal(err)
	}
	rc.Close()
	if q := f.got()[0].Query.Encode(); q != "has_phone=true&metadata%5Bplan%5D%5Beq%5D=pro&segment=seg_1" {
		t.Fatalf("query %s", q)
	}
}

func TestUnitMetadataTheQueryCannotCarryIsRefused(t *testing.T) {
	f := newFake(t)
	c := f.client()
	ctx := context.Background()
	_, err := c.Contacts.List(ctx, &ListContactsParams{Metadata: MetadataFilter{"a][gte": 1}})
	if err == nil || !strings.Contains(err.Error(), `contains "]"`) {
		t.Fatalf("key with ]: %v", err)
	}
	_, err = c.Contacts.Export(ctx, &ExportContactsParams{ContactFilter: ContactFilter{Metadata: MetadataFilter{"city": MetadataCondition{In: []any{"Paris", "Washington, DC"}}}}})
	if err == nil || !strings.Contains(err.Error(), "comma") {
		t.Fatalf("in with a comma: %v", err)
	}
	_, err = c.Contacts.List(ctx, &ListContactsParams{Metadata: MetadataFilter{"plan": nil}})
	if err == nil || !strings.Contains(err.Error(), "Exists") {
		t.Fatalf("nil: %v", err)
	}
	if n := len(f.got()); n != 0 {
		t.Fatalf("%d requests sent", n)
	}
}

func TestUnitListAutoPagingKeepsTheMetadataFilter(t *testing.T) {
	f := newFake(t, reply(200, pageJSON([]string{"con_1"}, "cur_a")), reply(200, pageJSON([]string{"con_2"}, "")))
	iter := f.client().Contacts.ListAutoPaging(context.Background(), &ListContactsParams{Metadata: MetadataFilter{"plan": MetadataCondition{In: []any{"pro", "team"}}}})
	n := 0
	for iter.Next() {
		n++
	}
	if iter.Err() != nil || n != 2 {
		t.Fatalf("%d contacts, %v", n, iter.Err())
	}
	for i, r := range f.got() {
		if r.Query.Get("metadata[plan][in]") != "pro,team" {
			t.Fatalf("page %d: %s", i+1, r.Query.Encode())
		}
	}
}

func TestUnitBulkAllSegmentAndMetadataJSON(t *testing.T) {
	job := `{"id":"job_1","object":"bulk_job","action":"tag","status":"queued","matched":2,"processed":0,"progress":0,"error":null,"created_at":"2026-04-12T10:30:00.000Z","finished_at":null}`
	f := newFake(t, reply(202, job), reply(202, job))
	c := f.client()
	ctx := context.Background()
	if _, err := c.Contacts.Bulk.Unsubscribe(ctx, &BulkParams{All: true, ExcludeIDs: []string{"con_9"}}); err != nil {
		t.Fatal(err)
	}
	_, err := c.Contacts.Bulk.Tag(ctx, &BulkParams{
		Segment: "seg_1",
		Filter: &ContactFilter{HasEmail: Bool(false), UpdatedAfter: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
			Metadata: MetadataFilter{"plan": "pro", "score": MetadataCondition{Gte: 10}, "vip": MetadataCondition{Exists: Bool(false)}}},
		Add: []string{"vip"},
	})
	if err != nil {
		t.Fatal(err)
	}
	reqs := f.got()
	if string(reqs[0].Body) != `{"all":true,"exclude_ids":["con_9"]}` {
		t.Fatalf("all: %s", reqs[0].Body)
	}
	want := `{"filter":{"has_email":false,"metadata":{"plan":"pro","score":{"gte":10},"vip":{"exists":false}},"updated_after":"2026-01-01T00:00:00Z"},"segment":"seg_1","add":["vip"]}`
	if string(reqs[1].Body) != want {
		t.Fatalf("body\n %s\nwant\n %s", reqs[1].Body, want)
	}
}

const segmentJSON = `{"id":"seg_1","object":"segment","name":"Pro","filter":{"tag":["vip"],"has_phone":true,"updated_after":"2026-01-01T00:00:00.000Z",
"metadata":{"plan":{"eq":"pro"},"score":{"gte":12345678901234567890},"tier":{"in":["gold",2]},"vip":{"exists":true}},"future_filter":"x"},
"count":2,"created_at":"2026-04-12T10:30:00.000Z","updated_at":"2026-04-12T10:30:00.000Z"}`

func TestUnitSegmentsCRUD(t *testing.T) {
	f := newFake(t,
		reply(200, `{"object":"list","data":[`+segmentJSON+`]}`),
		reply(201, segmentJSON),
		reply(200, segmentJSON),
		reply(200, segmentJSON),
		reply(200, segmentJSON),
		reply(204, ""),
	)
	c := f.client()
	ctx := context.Background()
	list, err := c.Segments.List(ctx)
	if err != nil || len(list.Data) != 1 || IntValue(list.Data[0].Count) != 2 || list.Data[0].CountEstimate != nil {
		t.Fatalf("list %+v %v", list, err)
	}
	created, err := c.Segments.Create(ctx, &CreateSegmentParams{Name: "Pro", Filter: ContactFilter{Tag: []string{"vip"}, Metadata: MetadataFilter{"plan": "pro"}}})
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.Segments.Get(ctx, "seg_1")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Segments.Update(ctx, "seg_1", &UpdateSegmentParams{Name: String("Team")}); err != nil {
		t.Fatal(err)
	}
	// A segment's filter read back can be sent again as it is.
	if _, err := c.Segments.Update(ctx, "seg_1", &UpdateSegmentParams{Filter: &got.Filter}); err != nil {
		t.Fatal(err)
	}
	if err := c.Segments.Delete(ctx, "seg/1"); err != nil {
		t.Fatal(err)
	}

	if created.Count == nil || *created.Count != 2 {
		t.Fatalf("created count %v", created.Count)
	}
	filter := created.Filter
	if !reflect.DeepEqual(filter.Tag, []string{"vip"}) || filter.HasPhone == nil || !*filter.HasPhone ||
		!filter.UpdatedAfter.Equal(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)) || filter.Extra["future_filter"] != "x" {
		t.Fatalf("filter %+v", filter)
	}
	if plan := filter.Metadata["plan"].(MetadataCondition); plan.Eq != "pro" {
		t.Fatalf("plan %+v", plan)
	}
	if vip := filter.Metadata["vip"].(MetadataCondition); vip.Exists == nil || !*vip.Exists {
		t.Fatalf("vip %+v", vip)
	}

	reqs := f.got()
	var calls []string
	for _, r := range reqs {
		calls = append(calls, r.Method+" "+r.RawPath)
	}
	if fmt.Sprint(calls) != "[GET /api/v1/segments POST /api/v1/segments GET /api/v1/segments/seg_1 PATCH /api/v1/segments/seg_1 PATCH /api/v1/segments/seg_1 DELETE /api/v1/segments/seg%2F1]" {
		t.Fatalf("calls %v", calls)
	}
	if string(reqs[1].Body) != `{"name":"Pro","filter":{"metadata":{"plan":"pro"},"tag":["vip"]}}` || string(reqs[3].Body) != `{"name":"Team"}` {
		t.Fatalf("bodies %s %s", reqs[1].Body, reqs[3].Body)
	}
	var resent map[string]any
	if err := json.Unmarshal(reqs[4].Body, &resent); err != nil {
		t.Fatal(err)
	}
	wantFilter := `{"filter":{"future_filter":"x","has_phone":true,"metadata":{"plan":{"eq":"pro"},"score":{"gte":12345678901234567890},"tier":{"in":["gold",2]},"vip":{"exists":true}},"tag":["vip"],"updated_after":"2026-01-01T00:00:00Z"}}`
	if string(reqs[4].Body) != wantFilter {
		t.Fatalf("round trip\n %s\nwant\n %s", reqs[4].Body, wantFilter)
	}
	if _, err := c.Segments.Create(ctx, nil); err == nil {
		t.Fatal("nil params must be refused")
	}
}

// A segment too slow to count in the list has count_estimate instead of count: absent is not 0.
func TestUnitSegmentListCountEstimate(t *testing.T) {
	estimated := strings.Replace(segmentJSON, `"count":2`, `"count_estimate":1200`, 1)
	zero := strings.Replace(segmentJSON, `"count":2`, `"count":0`, 1)
	f := newFake(t, reply(200, `{"object":"list","data":[`+estimated+`,`+zero+`]}`))
	list, err := f.client().Segments.List(context.Background())
	if err != nil || len(list.Data) != 2 {
		t.Fatalf("list %+v %v", list, err)
	}
	if s := list.Data[0]; s.Count != nil || s.CountEstimate == nil || *s.CountEstimate != 1200 {
		t.Fatalf("estimated %v %v", s.Count, s.CountEstimate)
	}
	if s := list.Data[1]; s.Count == nil || *s.Count != 0 || s.CountEstimate != nil {
		t.Fatalf("counted %v %v", s.Count, s.CountEstimate)
	}
}

func TestUnitCountSendsTheListFilterWithoutPaging(t *testing.T) {
	f := newFake(t, reply(200, `{"object":"count","total":1234}`), reply(200, `{"object":"count","total":0}`),
		reply(200, `{"object":"count","total":7}`))
	c := f.client()
	ctx := context.Background()
	count, err := c.Contacts.Count(ctx, &CountContactsParams{
		Search:       "fatima",
		Tag:          []string{"vip", "beta"},
		Status:       "subscribed",
		Suppressed:   Bool(false),
		HasPhone:     Bool(true),
		CreatedAfter: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		Metadata:     MetadataFilter{"plan": "pro", "score": MetadataCondition{Gte: 10}},
		Segment:      "seg_42",
		Extra:        url.Values{"future": {"x"}},
	})
	if err != nil || count.Object != "count" || count.Total != 1234 {
		t.Fatalf("count %+v %v", count, err)
	}
	if all, err := c.Contacts.Count(ctx, nil); err != nil || all.Total != 0 {
		t.Fatalf("count of everyone %+v %v", all, err)
	}
	// A list's filter counts the same way, its paging left out.
	list := &ListContactsParams{Limit: 10, Cursor: "cur", Offset: 5, Sort: "email", Email: "example.com", HasEmail: Bool(true),
		UpdatedBefore: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), Segment: "seg_1"}
	if _, err := c.Contacts.Count(ctx, list.countParams()); err != nil {
		t.Fatal(err)
	}

	reqs := f.got()
	for _, r := range reqs {
		if r.Method != http.MethodGet || r.Path != "/api/v1/contacts/count" || r.Header.Get("Idempotency-Key") != "" {
			t.Fatalf("%s %s key=%q", r.Method, r.Path, r.Header.Get("Idempotency-Key"))
		}
	}
	want := url.Values{
		"search": {"fatima"}, "tag": {"vip", "beta"}, "status": {"subscribed"}, "suppressed": {"false"}, "has_phone": {"true"},
		"created_after": {"2026-01-01T00:00:00Z"}, "metadata[plan]": {"pro"}, "metadata[score][gte]": {"10"},
		"segment": {"seg_42"}, "future": {"x"},
	}
	if !reflect.DeepEqual(reqs[0].Query, want) {
		t.Fatalf("query %v\nwant  %v", reqs[0].Query, want)
	}
	if len(reqs[1].Query) != 0 {
		t.Fatalf("nil params sent %v", reqs[1].Query)
	}
	wantList := url.Values{"email": {"example.com"}, "has_email": {"true"}, "updated_before": {"2026-02-01T00:00:00Z"}, "segment": {"seg_1"}}
	if !reflect.DeepEqual(reqs[2].Query, wantList) {
		t.Fatalf("list filter as count %v", reqs[2].Query)
	}
}

func TestUnitCountRefusesWhatTheQueryCannotCarry(t *testing.T) {
	f := newFake(t)
	_, err := f.client().Contacts.Count(context.Background(), &CountContactsParams{Metadata: MetadataFilter{"a]b": 1}})
	if err == nil || !strings.Contains(err.Error(), "]") || len(f.got()) != 0 {
		t.Fatalf("%v after %d requests", err, len(f.got()))
	}
}

func TestUnitListFirstPageTotalOrEstimate(t *testing.T) {
	f := newFake(t,
		reply(200, `{"object":"list","data":[],"has_more":true,"next_cursor":"c1","total_estimate":48000}`),
		reply(200, `{"object":"list","data":[],"has_more":false,"next_cursor":null,"total":0}`),
		reply(200, emptyPage),
	)
	c := f.client()
	ctx := context.Background()
	estimated, err := c.Contacts.List(ctx, &ListContactsParams{Search: "a"})
	if err != nil || estimated.Total != nil || estimated.TotalEstimate == nil || *estimated.TotalEstimate != 48000 {
		t.Fatalf("estimated %+v %v", estimated, err)
	}
	exact, err := c.Contacts.List(ctx, nil)
	if err != nil || exact.Total == nil || *exact.Total != 0 || exact.TotalEstimate != nil {
		t.Fatalf("exact %+v %v", exact, err)
	}
	later, err := c.Contacts.List(ctx, &ListContactsParams{Cursor: "c1"})
	if err != nil || later.Total != nil || later.TotalEstimate != nil {
		t.Fatalf("later page %+v %v", later, err)
	}
}

func TestUnitMetadataKeys(t *testing.T) {
	f := newFake(t, reply(200, `{"object":"list","data":[{"key":"plan","count":3},{"key":"score","count":1}]}`))
	keys, err := f.client().Contacts.MetadataKeys(context.Background())
	if err != nil || len(keys.Data) != 2 || keys.Data[0] != (MetadataKey{Key: "plan", Count: 3}) {
		t.Fatalf("%+v %v", keys, err)
	}
	if r := f.got()[0]; r.Method != http.MethodGet || r.Path != "/api/v1/contacts/metadata-keys" {
		t.Fatalf("%s %s", r.Method, r.Path)
	}
}

func TestUnitImportResubscribeCountryAndNewFields(t *testing.T) {
	body := strings.Replace(importJSON, `"error":null`, `"kept_unsubscribed":2,"detected_source":"vcard","default_country":"GB","resubscribe":true,"error":null`, 1)
	f := newFake(t, reply(202, body), reply(202, importJSON))
	c := f.client()
	imp, err := c.Contacts.Imports.Create(context.Background(), &CreateImportParams{
		File: strings.NewReader("BEGIN:VCARD\r\nEND:VCARD\r\n"), Filename: "people.vcf", Resubscribe: true, DefaultCountry: "GB",
	})
	if err != nil {
		t.Fatal(err)
	}
	if imp.KeptUnsubscribed != 2 || StringValue(imp.DetectedSource) != "vcard" || imp.DefaultCountry != "GB" || !imp.Resubscribe {
		t.Fatalf("import %+v", imp)
	}
	fields, file, _ := readMultipart(t, f.got()[0])
	if fields["resubscribe"] != "true" || fields["default_country"] != "GB" || file.Header.Get("Content-Type") != "text/vcard" {
		t.Fatalf("fields %v, file type %q", fields, file.Header.Get("Content-Type"))
	}
	// false is the API's default, so it is not sent.
	if _, err := c.Contacts.Imports.Create(context.Background(), &CreateImportParams{File: io.LimitReader(strings.NewReader("email\n"), 6)}); err != nil {
		t.Fatal(err)
	}
	if fields, _, _ := readMultipart(t, f.got()[1]); len(fields) != 0 {
		t.Fatalf("fields %v", fields)
	}
}

func TestUnitSourceIsNotAnInput(t *testing.T) {
	for _, v := range []any{ContactInput{}, UpdateContactParams{}} {
		if _, ok := reflect.TypeOf(v).FieldByName("Source"); ok {
			t.Fatalf("%T still has Source: the server owns it and refuses it", v)
		}
	}
}
