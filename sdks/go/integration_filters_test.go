package rolo_test

// Integration tests of segments, the filter grammar, metadata keys, bulk "all", server-owned
// source, idempotency_in_progress retries and the import options, against a real Rolo.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"net/http"
	"net/url"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	rolo "github.com/rolo-dev/rolo-go"
)

// rng is seeded per run (Go 1.19 does not seed math/rand), so reruns draw other phone numbers.
var rng = rand.New(rand.NewSource(time.Now().UnixNano()))

// scored creates three contacts tagged tag: score 5 (free), 15 (pro, vip) and 25 (team, no email).
func scored(t *testing.T, client *rolo.Client, ctx context.Context, tag string) []rolo.Contact {
	t.Helper()
	phone := fmt.Sprintf("+1415%d%06d", 2+rng.Intn(8), rng.Intn(1000000)) // phones are unique per workspace too
	result, err := client.Contacts.BatchUpsert(ctx, &rolo.BatchUpsertParams{Contacts: []rolo.ContactInput{
		{Email: email(t, "s5"), Tags: []string{tag}, Metadata: map[string]any{"score": 5, "plan": "free"}},
		{Email: email(t, "s15"), Tags: []string{tag}, Metadata: map[string]any{"score": 15, "plan": "pro", "vip": true}},
		{Phone: phone, Tags: []string{tag}, Metadata: map[string]any{"score": 25, "plan": "team"}},
	}})
	if err != nil || result.Created != 3 {
		t.Fatalf("batch %+v %v", result, err)
	}
	out := make([]rolo.Contact, 3)
	for i, r := range result.Results {
		c, err := client.Contacts.Get(ctx, rolo.StringValue(r.ID))
		if err != nil {
			t.Fatal(err)
		}
		out[i] = *c
	}
	return out
}

func TestIntegrationFilters(t *testing.T) {
	client, ctx := integrationClient(t), testContext(t)
	tag := "scored-" + runID
	contacts := scored(t, client, ctx, tag)
	s5, s15 := email(t, "s5"), email(t, "s15")
	emails := func(p rolo.ListContactsParams) string {
		t.Helper()
		p.Tag = []string{tag}
		page, err := client.Contacts.List(ctx, &p)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, c := range page.Data {
			if c.Email == nil {
				out = append(out, "(none)")
			} else {
				out = append(out, *c.Email)
			}
		}
		sort.Strings(out)
		return strings.Join(out, " ")
	}
	cases := []struct {
		params rolo.ListContactsParams
		want   string
	}{
		{rolo.ListContactsParams{Metadata: rolo.MetadataFilter{"score": rolo.MetadataCondition{Gte: 10}}}, "(none) " + s15},
		{rolo.ListContactsParams{Metadata: rolo.MetadataFilter{"score": rolo.MetadataCondition{Gt: 5, Lt: 25}}}, s15},
		{rolo.ListContactsParams{Metadata: rolo.MetadataFilter{"plan": "pro"}}, s15},
		{rolo.ListContactsParams{Metadata: rolo.MetadataFilter{"plan": rolo.MetadataCondition{In: []any{"free", "team"}}}}, "(none) " + s5},
		{rolo.ListContactsParams{Metadata: rolo.MetadataFilter{"vip": rolo.MetadataCondition{Exists: rolo.Bool(true)}}}, s15},
		{rolo.ListContactsParams{Metadata: rolo.MetadataFilter{"vip": map[string]any{"exists": false}, "score": map[string]any{"lte": 5}}}, s5},
		{rolo.ListContactsParams{HasEmail: rolo.Bool(false)}, "(none)"},
		{rolo.ListContactsParams{HasPhone: rolo.Bool(true)}, "(none)"},
		{rolo.ListContactsParams{HasEmail: rolo.Bool(true), HasPhone: rolo.Bool(false)}, s15 + " " + s5},
	}
	for i, c := range cases {
		if got := emails(c.params); got != c.want {
			t.Errorf("case %d: got %q, want %q", i, got, c.want)
		}
	}

	times := []time.Time{contacts[0].UpdatedAt, contacts[1].UpdatedAt, contacts[2].UpdatedAt}
	sort.Slice(times, func(i, j int) bool { return times[i].Before(times[j]) })
	first, last := times[0], times[2]
	for _, c := range []struct {
		params rolo.ListContactsParams
		count  int
	}{
		{rolo.ListContactsParams{UpdatedAfter: last}, 0},
		{rolo.ListContactsParams{UpdatedAfter: first.Add(-time.Millisecond)}, 3},
		{rolo.ListContactsParams{UpdatedBefore: first}, 0},
		{rolo.ListContactsParams{UpdatedBefore: last.Add(time.Millisecond)}, 3},
	} {
		if got := emails(c.params); len(strings.Fields(got)) != c.count {
			t.Errorf("%+v: got %q, want %d contacts", c.params, got, c.count)
		}
	}

	rc, err := client.Contacts.Export(ctx, &rolo.ExportContactsParams{ContactFilter: rolo.ContactFilter{Tag: []string{tag},
		Metadata: rolo.MetadataFilter{"score": rolo.MetadataCondition{Gte: 10}}}})
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(rc)
	rc.Close()
	if lines := strings.Split(strings.TrimSpace(string(body)), "\r\n"); len(lines) != 3 || !strings.Contains(string(body), s15) || strings.Contains(string(body), s5) {
		t.Fatalf("export %s", body)
	}
}

func TestIntegrationMetadataKeys(t *testing.T) {
	client, ctx := integrationClient(t), testContext(t)
	key := "go_" + runID
	for _, n := range []string{"mk1", "mk2"} {
		if _, err := client.Contacts.Create(ctx, &rolo.CreateContactParams{Email: email(t, n), Metadata: map[string]any{key: n}}); err != nil {
			t.Fatal(err)
		}
	}
	keys, err := client.Contacts.MetadataKeys(ctx)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, k := range keys.Data {
		found = found || k == rolo.MetadataKey{Key: key, Count: 2}
	}
	if keys.Object != "list" || !found {
		t.Fatalf("%s with count 2 missing: %+v", key, keys)
	}
}

func TestIntegrationSegments(t *testing.T) {
	client, ctx := integrationClient(t), testContext(t)
	tag := "seg-" + runID
	contacts := scored(t, client, ctx, tag)
	name := "go high scorers " + runID
	seg, err := client.Segments.Create(ctx, &rolo.CreateSegmentParams{Name: name, Filter: rolo.ContactFilter{Tag: []string{tag},
		Metadata: rolo.MetadataFilter{"score": rolo.MetadataCondition{Gte: 10}}}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = client.Segments.Delete(context.Background(), seg.ID) })
	if !strings.HasPrefix(seg.ID, "seg_") || seg.Object != "segment" || rolo.IntValue(seg.Count) != 2 || seg.CountEstimate != nil {
		t.Fatalf("created %+v", seg)
	}
	if c, ok := seg.Filter.Metadata["score"].(rolo.MetadataCondition); !ok || fmt.Sprint(c.Gte) != "10" {
		t.Fatalf("filter %+v", seg.Filter)
	}
	_, err = client.Segments.Create(ctx, &rolo.CreateSegmentParams{Name: name, Filter: rolo.ContactFilter{Tag: []string{tag}}})
	if !errors.Is(err, rolo.ErrConflict) || apiError(t, err).Code != "conflict" {
		t.Fatalf("duplicate name: %v", err)
	}

	got, err := client.Segments.Get(ctx, seg.ID)
	if err != nil || got.Name != name || got.Count == nil || *got.Count != 2 {
		t.Fatalf("get %+v %v", got, err)
	}
	list, err := client.Segments.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	listed := false
	for _, s := range list.Data {
		// The list counts exactly when that is quick, else it estimates (a tag and a metadata range).
		listed = listed || (s.ID == seg.ID && (rolo.IntValue(s.Count) == 2 || (s.Count == nil && s.CountEstimate != nil)))
	}
	if !listed {
		t.Fatalf("list lacks %s: %+v", seg.ID, list)
	}

	page, err := client.Contacts.List(ctx, &rolo.ListContactsParams{Segment: seg.ID})
	if err != nil || len(page.Data) != 2 {
		t.Fatalf("segment list %+v %v", page, err)
	}
	ids := map[string]bool{page.Data[0].ID: true, page.Data[1].ID: true}
	if !ids[contacts[1].ID] || !ids[contacts[2].ID] {
		t.Fatalf("segment contacts %v", ids)
	}
	both, err := client.Contacts.List(ctx, &rolo.ListContactsParams{Segment: seg.ID, HasEmail: rolo.Bool(true)})
	if err != nil || len(both.Data) != 1 || (both.Total == nil) == (both.TotalEstimate == nil) {
		t.Fatalf("segment and filter: one contact and a total or an estimate %+v %v", both, err)
	}
	counted, err := client.Contacts.Count(ctx, &rolo.CountContactsParams{Segment: seg.ID, HasEmail: rolo.Bool(true)})
	if err != nil || counted.Total != 1 {
		t.Fatalf("segment and filter count %+v %v", counted, err)
	}
	rc, err := client.Contacts.Export(ctx, &rolo.ExportContactsParams{Segment: seg.ID})
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(rc)
	rc.Close()
	if lines := strings.Split(strings.TrimSpace(string(body)), "\r\n"); len(lines) != 3 {
		t.Fatalf("segment export %s", body)
	}
	preview, err := client.Contacts.Bulk.Tag(ctx, &rolo.BulkParams{Segment: seg.ID, Add: []string{"x-" + runID}, DryRun: true})
	if err != nil || preview.Matched != 2 {
		t.Fatalf("segment bulk preview %+v %v", preview, err)
	}

	updated, err := client.Segments.Update(ctx, seg.ID, &rolo.UpdateSegmentParams{Name: rolo.String(name + " (pro)"),
		Filter: &rolo.ContactFilter{Tag: []string{tag}, Metadata: rolo.MetadataFilter{"plan": "pro"}}})
	if err != nil || updated.Name != name+" (pro)" || rolo.IntValue(updated.Count) != 1 {
		t.Fatalf("update %+v %v", updated, err)
	}
	if _, still := updated.Filter.Metadata["score"]; still {
		t.Fatalf("the filter is replaced whole, yet score remains: %+v", updated.Filter)
	}
	renamed, err := client.Segments.Update(ctx, seg.ID, &rolo.UpdateSegmentParams{Name: rolo.String(name)})
	if err != nil || rolo.IntValue(renamed.Count) != 1 {
		t.Fatalf("a rename keeps the filter: %+v %v", renamed, err)
	}

	if err := client.Segments.Delete(ctx, seg.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := client.Segments.Get(ctx, seg.ID); !errors.Is(err, rolo.ErrNotFound) {
		t.Fatalf("after delete: %v", err)
	}
}

func TestIntegrationCount(t *testing.T) {
	client, ctx := integrationClient(t), testContext(t)
	tag := "count-" + runID
	name := "Zora" + runID // a first name only this test's contacts have
	result, err := client.Contacts.BatchUpsert(ctx, &rolo.BatchUpsertParams{Contacts: []rolo.ContactInput{
		{Email: email(t, "c1"), FirstName: name, Tags: []string{tag}},
		{Email: email(t, "c2"), FirstName: name, Tags: []string{tag}},
		{Email: email(t, "c3"), FirstName: "Other", Tags: []string{tag}},
	}})
	if err != nil || result.Created != 3 {
		t.Fatalf("batch %+v %v", result, err)
	}

	for _, c := range []struct {
		params *rolo.CountContactsParams
		want   int
	}{
		{&rolo.CountContactsParams{Tag: []string{tag}}, 3},
		{&rolo.CountContactsParams{Search: name}, 2},
		{&rolo.CountContactsParams{Search: name, Tag: []string{tag}, Status: "subscribed"}, 2},
		{&rolo.CountContactsParams{Tag: []string{tag}, HasPhone: rolo.Bool(true)}, 0},
	} {
		count, err := client.Contacts.Count(ctx, c.params)
		if err != nil || count.Object != "count" || count.Total != c.want {
			t.Fatalf("count %+v: %+v %v, want %d", *c.params, count, err, c.want)
		}
	}

	// One tag is kept counted, so the first page's total is exact; later pages carry none.
	page, err := client.Contacts.List(ctx, &rolo.ListContactsParams{Tag: []string{tag}, Limit: 2})
	if err != nil || page.Total == nil || *page.Total != 3 || page.TotalEstimate != nil || page.NextCursor == nil {
		t.Fatalf("first page %+v %v", page, err)
	}
	next, err := client.Contacts.List(ctx, &rolo.ListContactsParams{Tag: []string{tag}, Limit: 2, Cursor: *page.NextCursor})
	if err != nil || len(next.Data) != 1 || next.Total != nil || next.TotalEstimate != nil {
		t.Fatalf("second page %+v %v", next, err)
	}
	// A search is counted within a time budget: exact, or else an estimate.
	searched, err := client.Contacts.List(ctx, &rolo.ListContactsParams{Search: name})
	if err != nil || len(searched.Data) != 2 || (searched.Total == nil) == (searched.TotalEstimate == nil) ||
		(searched.Total != nil && *searched.Total != 2) {
		t.Fatalf("searched %+v %v", searched, err)
	}

	if _, err := client.Contacts.Count(ctx, &rolo.CountContactsParams{Segment: "seg_missing" + runID}); !errors.Is(err, rolo.ErrNotFound) {
		t.Fatalf("an unknown segment: %v", err)
	}
	if _, err := client.Contacts.Count(ctx, &rolo.CountContactsParams{Extra: url.Values{"limit": {"5"}}}); !errors.Is(err, rolo.ErrValidation) {
		t.Fatalf("count takes no paging: %v", err)
	}
}

func TestIntegrationBulkAll(t *testing.T) {
	client, ctx := integrationClient(t), testContext(t)
	tag := "all-" + runID
	_, err := client.Contacts.Bulk.Tag(ctx, &rolo.BulkParams{Filter: &rolo.ContactFilter{}, Add: []string{tag}, DryRun: true})
	if !errors.Is(err, rolo.ErrValidation) || !strings.Contains(fmt.Sprint(apiError(t, err).Details), "filter") {
		t.Fatalf("a filter without criteria: %v", err)
	}
	everyone, err := client.Contacts.Bulk.Tag(ctx, &rolo.BulkParams{All: true, Add: []string{tag}, DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	total, err := client.Contacts.List(ctx, &rolo.ListContactsParams{Limit: 1})
	if err != nil || total.Total == nil || everyone.Matched != *total.Total {
		t.Fatalf("all matched %d, workspace has %v (%v)", everyone.Matched, total.Total, err)
	}

	low := "low-" + runID
	contacts := scored(t, client, ctx, low)
	job, err := client.Contacts.Bulk.Tag(ctx, &rolo.BulkParams{Filter: &rolo.ContactFilter{Tag: []string{low},
		Metadata: rolo.MetadataFilter{"score": rolo.MetadataCondition{Lt: 10}}}, Add: []string{tag}})
	if err != nil {
		t.Fatal(err)
	}
	if done, err := client.Contacts.Bulk.Wait(ctx, job.ID); err != nil || done.Processed != 1 {
		t.Fatalf("job %+v %v", done, err)
	}
	page, err := client.Contacts.List(ctx, &rolo.ListContactsParams{Tag: []string{tag}})
	if err != nil || len(page.Data) != 1 || page.Data[0].ID != contacts[0].ID {
		t.Fatalf("tagged %+v %v", page, err)
	}
}

func TestIntegrationSourceIsServerOwned(t *testing.T) {
	client, ctx := integrationClient(t), testContext(t)
	_, err := client.Contacts.Create(ctx, &rolo.CreateContactParams{Email: email(t, "src"), Extra: map[string]any{"source": "crm"}})
	if !errors.Is(err, rolo.ErrBadRequest) {
		t.Fatalf("source sent: %v", err)
	}
	c, err := client.Contacts.Create(ctx, &rolo.CreateContactParams{Email: email(t, "src")})
	if err != nil || c.Source != "api" {
		t.Fatalf("%+v %v", c, err)
	}
}

// recorder notes each answer's status (and error code on a 409).
type recorder struct {
	mu   sync.Mutex
	seen []string
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	note := fmt.Sprint(resp.StatusCode)
	if resp.StatusCode == http.StatusConflict {
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		resp.Body = io.NopCloser(bytes.NewReader(body))
		var e struct{ Error struct{ Code string } }
		_ = json.Unmarshal(body, &e)
		note += " " + e.Error.Code
	}
	r.mu.Lock()
	r.seen = append(r.seen, note)
	r.mu.Unlock()
	return resp, nil
}

func TestIntegrationIdempotencyInProgressIsRetried(t *testing.T) {
	integrationClient(t)
	ctx := testContext(t)
	rec := &recorder{}
	client := rolo.NewClient(os.Getenv("ROLO_API_KEY"), rolo.WithHTTPClient(&http.Client{Transport: rec}), rolo.WithMaxRetries(8))
	items := make([]rolo.ContactInput, 1000)
	for i := range items {
		items[i] = rolo.ContactInput{Email: email(t, fmt.Sprint("race", i)), Tags: []string{"race-" + runID}, Metadata: map[string]any{"i": i}}
	}
	// Both carry the same key and body: one runs, the other finds it running and waits for its answer.
	key := rolo.WithIdempotencyKey("go-race-" + runID)
	var wg sync.WaitGroup
	results := make([]*rolo.BatchResult, 2)
	errs := make([]error, 2)
	for n := 0; n < 2; n++ {
		wg.Add(1)
		go func(n int) {
			defer wg.Done()
			results[n], errs[n] = client.Contacts.BatchUpsert(ctx, &rolo.BatchUpsertParams{Contacts: items}, key)
		}(n)
	}
	wg.Wait()
	if errs[0] != nil || errs[1] != nil {
		t.Fatalf("errors %v %v (answers %v)", errs[0], errs[1], rec.seen)
	}
	a, _ := json.Marshal(results[0])
	b, _ := json.Marshal(results[1])
	if results[0].Created != 1000 || !bytes.Equal(a, b) {
		t.Fatalf("the retry must get the first call's answer: %d created vs %d", results[0].Created, results[1].Created)
	}
	inProgress, ok := 0, 0
	for _, s := range rec.seen {
		if s == "409 idempotency_in_progress" {
			inProgress++
		} else if strings.HasPrefix(s, "2") {
			ok++
		}
	}
	if inProgress == 0 || ok != 2 {
		t.Fatalf("answers %v: want a 409 idempotency_in_progress retried to a 2xx", rec.seen)
	}
}

func TestIntegrationImportOptions(t *testing.T) {
	client, ctx := integrationClient(t), testContext(t)
	opted, err := client.Contacts.Create(ctx, &rolo.CreateContactParams{Email: email(t, "optout"), Status: "unsubscribed"})
	if err != nil {
		t.Fatal(err)
	}
	national := fmt.Sprintf("020 7%03d %04d", rng.Intn(1000), rng.Intn(10000))
	csvText := "email,status,phone\n" + email(t, "optout") + ",subscribed,\n" + email(t, "uk") + ",subscribed," + national + "\n"
	started, err := client.Contacts.Imports.Create(ctx, &rolo.CreateImportParams{File: strings.NewReader(csvText), Filename: "consent.csv", DefaultCountry: "GB"})
	if err != nil {
		t.Fatal(err)
	}
	done, err := client.Contacts.Imports.Wait(ctx, started.ID)
	if err != nil {
		t.Fatal(err)
	}
	if done.Status != "completed" || done.Created != 1 || done.Updated != 1 || done.KeptUnsubscribed != 1 || done.Resubscribe ||
		done.DefaultCountry != "GB" || done.DetectedSource != nil {
		t.Fatalf("import %+v", done)
	}
	if c, err := client.Contacts.Get(ctx, opted.ID); err != nil || c.Status != "unsubscribed" {
		t.Fatalf("kept %+v %v", c, err)
	}
	uk, err := client.Contacts.List(ctx, &rolo.ListContactsParams{Email: email(t, "uk")})
	if err != nil || len(uk.Data) != 1 || rolo.StringValue(uk.Data[0].Phone) != "+44"+strings.ReplaceAll(national[1:], " ", "") {
		t.Fatalf("uk contact %+v %v", uk, err)
	}

	// Rolo's own export layout, recognised from its header row; this time re-subscribing is meant.
	header := "id,email,phone,first_name,last_name,status,suppressed,suppressed_reason,tags,source,created_at,updated_at\n"
	row := opted.ID + "," + email(t, "optout") + ",,Opal,,subscribed,false,,,api,2026-01-01T00:00:00Z,2026-01-01T00:00:00Z\n"
	started, err = client.Contacts.Imports.Create(ctx, &rolo.CreateImportParams{File: strings.NewReader(header + row), Filename: "rolo.csv", Resubscribe: true})
	if err != nil {
		t.Fatal(err)
	}
	again, err := client.Contacts.Imports.Wait(ctx, started.ID)
	if err != nil {
		t.Fatal(err)
	}
	if again.Status != "completed" || again.Updated != 1 || again.KeptUnsubscribed != 0 || !again.Resubscribe || rolo.StringValue(again.DetectedSource) != "rolo" {
		t.Fatalf("second import %+v", again)
	}
	if c, err := client.Contacts.Get(ctx, opted.ID); err != nil || c.Status != "subscribed" || rolo.StringValue(c.FirstName) != "Opal" {
		t.Fatalf("resubscribed %+v %v", c, err)
	}
}
