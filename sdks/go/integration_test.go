package rolo_test

// Integration tests against a real Rolo: scripts/test-sdks.ts starts one on a throwaway
// database, mints a key and sets ROLO_BASE_URL and ROLO_API_KEY.

import (
	"context"
	"crypto/rand"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	rolo "github.com/rolo-dev/rolo-go"
)

var runID = func() string {
	b := make([]byte, 5)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b)
}()

func integrationClient(t *testing.T) *rolo.Client {
	t.Helper()
	if os.Getenv("ROLO_BASE_URL") == "" || os.Getenv("ROLO_API_KEY") == "" {
		t.Fatal("ROLO_BASE_URL and ROLO_API_KEY must point at a running Rolo (npm run test:sdks -- go sets them)")
	}
	return rolo.NewClient("")
}

func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// email returns an address unique to this run and test.
func email(t *testing.T, name string) string {
	return strings.ToLower(fmt.Sprintf("%s-%s-%s@example.com", name, strings.TrimPrefix(t.Name(), "TestIntegration"), runID))
}

func apiError(t *testing.T, err error) *rolo.Error {
	t.Helper()
	var e *rolo.Error
	if !errors.As(err, &e) {
		t.Fatalf("want *rolo.Error, got %T %v", err, err)
	}
	return e
}

func TestIntegrationContactLifecycle(t *testing.T) {
	client, ctx := integrationClient(t), testContext(t)
	tag := "life-" + runID
	created, err := client.Contacts.Create(ctx, &rolo.CreateContactParams{
		Email:     email(t, "jane"),
		FirstName: "Jane",
		LastName:  "Doe",
		Metadata:  map[string]any{"plan": "pro", "signup_source": "landing_page"},
		Tags:      []string{tag},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(created.ID, "con_") || rolo.StringValue(created.Email) != email(t, "jane") || rolo.StringValue(created.Name) != "Jane Doe" ||
		created.Phone != nil || created.Status != "subscribed" || !created.EmailOK || created.Metadata["plan"] != "pro" || created.CreatedAt.IsZero() {
		t.Fatalf("created %+v", created)
	}

	got, err := client.Contacts.Get(ctx, created.ID)
	if err != nil || got.ID != created.ID || rolo.StringValue(got.FirstName) != "Jane" || len(got.Tags) != 1 || got.Tags[0] != tag {
		t.Fatalf("get: %+v %v", got, err)
	}

	updated, err := client.Contacts.Update(ctx, created.ID, &rolo.UpdateContactParams{
		FirstName: rolo.String(""),  // clears the first name
		EmailOK:   rolo.Bool(false), // false must reach the server
		Metadata:  map[string]any{"plan": nil, "seats": 3},
		Tags:      []string{}, // removes every tag
		Status:    rolo.String("unsubscribed"),
	})
	if err != nil {
		t.Fatal(err)
	}
	if updated.FirstName != nil || rolo.StringValue(updated.LastName) != "Doe" || updated.EmailOK || updated.Status != "unsubscribed" || len(updated.Tags) != 0 {
		t.Fatalf("updated %+v", updated)
	}
	if _, has := updated.Metadata["plan"]; has || updated.Metadata["seats"] != float64(3) || updated.Metadata["signup_source"] != "landing_page" {
		t.Fatalf("metadata %v", updated.Metadata)
	}

	if err := client.Contacts.Delete(ctx, created.ID); err != nil {
		t.Fatal(err)
	}
	_, err = client.Contacts.Get(ctx, created.ID)
	if !errors.Is(err, rolo.ErrNotFound) {
		t.Fatalf("get after delete: %v", err)
	}
	if err := client.Contacts.Delete(ctx, created.ID); !errors.Is(err, rolo.ErrNotFound) {
		t.Fatalf("second delete: %v", err)
	}
}

func TestIntegrationNotFoundCarriesRequestID(t *testing.T) {
	client, ctx := integrationClient(t), testContext(t)
	_, err := client.Contacts.Get(ctx, "con_doesnotexist"+runID)
	if !errors.Is(err, rolo.ErrNotFound) {
		t.Fatalf("want ErrNotFound, got %v", err)
	}
	e := apiError(t, err)
	if e.StatusCode != 404 || e.Code != "not_found" || !strings.HasPrefix(e.RequestID, "req_") || e.Header.Get("X-Request-Id") != e.RequestID {
		t.Fatalf("error %+v", e)
	}
}

func TestIntegrationUnauthorized(t *testing.T) {
	integrationClient(t)
	ctx := testContext(t)
	bad := rolo.NewClient("sk_live_not_a_real_key_"+runID, rolo.WithBaseURL(os.Getenv("ROLO_BASE_URL")))
	_, err := bad.Contacts.List(ctx, nil)
	if !errors.Is(err, rolo.ErrUnauthorized) {
		t.Fatalf("want ErrUnauthorized, got %v", err)
	}
	if e := apiError(t, err); e.StatusCode != 401 || e.Code != "unauthorized" || !strings.HasPrefix(e.RequestID, "req_") {
		t.Fatalf("error %+v", e)
	}
}

func TestIntegrationConflictAndIdempotency(t *testing.T) {
	client, ctx := integrationClient(t), testContext(t)
	params := &rolo.CreateContactParams{Email: email(t, "once"), FirstName: "Once"}
	key := rolo.WithIdempotencyKey("go-sdk-" + runID)
	first, err := client.Contacts.Create(ctx, params, key)
	if err != nil {
		t.Fatal(err)
	}
	// The same key replays the first answer instead of creating (or conflicting) again.
	replay, err := client.Contacts.Create(ctx, params, key)
	if err != nil || replay.ID != first.ID {
		t.Fatalf("replay: %+v %v", replay, err)
	}
	// A new call gets a new key, so the duplicate email is a conflict.
	_, err = client.Contacts.Create(ctx, params)
	if !errors.Is(err, rolo.ErrConflict) || apiError(t, err).ExistingID != first.ID {
		t.Fatalf("want ErrConflict naming %s, got %#v", first.ID, err)
	}
}

func TestIntegrationListAcrossPages(t *testing.T) {
	client, ctx := integrationClient(t), testContext(t)
	tag := "page-" + runID
	want := map[string]bool{}
	for i := 0; i < 5; i++ {
		c, err := client.Contacts.Create(ctx, &rolo.CreateContactParams{Email: email(t, fmt.Sprint("p", i)), Tags: []string{tag}})
		if err != nil {
			t.Fatal(err)
		}
		want[c.ID] = true
	}

	page, err := client.Contacts.List(ctx, &rolo.ListContactsParams{Limit: 2, Tag: []string{tag}})
	if err != nil {
		t.Fatal(err)
	}
	if page.Object != "list" || len(page.Data) != 2 || !page.HasMore || page.NextCursor == nil || page.Total == nil || *page.Total != 5 {
		t.Fatalf("first page %+v", page)
	}
	next, err := client.Contacts.List(ctx, &rolo.ListContactsParams{Limit: 2, Tag: []string{tag}, Cursor: *page.NextCursor})
	if err != nil || len(next.Data) != 2 || next.Data[0].ID == page.Data[0].ID || next.Total != nil {
		t.Fatalf("second page %+v %v", next, err)
	}

	iter := client.Contacts.ListAutoPaging(ctx, &rolo.ListContactsParams{Limit: 2, Tag: []string{tag}})
	seen := map[string]bool{}
	for iter.Next() {
		c := iter.Current()
		if seen[c.ID] {
			t.Fatalf("%s seen twice", c.ID)
		}
		seen[c.ID] = true
	}
	if err := iter.Err(); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(sortedKeys(seen)) != fmt.Sprint(sortedKeys(want)) {
		t.Fatalf("iterated %v, want %v", sortedKeys(seen), sortedKeys(want))
	}
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func TestIntegrationUpsert(t *testing.T) {
	client, ctx := integrationClient(t), testContext(t)
	first, err := client.Contacts.Upsert(ctx, &rolo.CreateContactParams{Email: email(t, "up"), FirstName: "First"})
	if err != nil {
		t.Fatal(err)
	}
	second, err := client.Contacts.Upsert(ctx, &rolo.CreateContactParams{Email: email(t, "up"), FirstName: "Second", SMSOK: rolo.Bool(false)})
	if err != nil {
		t.Fatal(err)
	}
	if second.ID != first.ID || rolo.StringValue(second.FirstName) != "Second" || second.SMSOK {
		t.Fatalf("upserted %+v, want an update of %s", second, first.ID)
	}
}

func TestIntegrationBatchUpsert(t *testing.T) {
	client, ctx := integrationClient(t), testContext(t)
	existing, err := client.Contacts.Create(ctx, &rolo.CreateContactParams{Email: email(t, "jane"), FirstName: "Jane"})
	if err != nil {
		t.Fatal(err)
	}
	result, err := client.Contacts.BatchUpsert(ctx, &rolo.BatchUpsertParams{Contacts: []rolo.ContactInput{
		{Email: email(t, "jane"), FirstName: "Janet"},
		{Email: email(t, "john"), FirstName: "John", Tags: []string{"vip"}},
		{Email: "not-an-email"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if result.Created != 1 || result.Updated != 1 || result.Failed != 1 || len(result.Results) != 3 {
		t.Fatalf("result %+v", result)
	}
	if r := result.Results[0]; r.Status != "updated" || rolo.StringValue(r.ID) != existing.ID {
		t.Fatalf("item 0 %+v", r)
	}
	if r := result.Results[2]; r.Status != "failed" || r.ID != nil || r.Error == nil || r.Error.Code != "validation_error" {
		t.Fatalf("item 2 %+v", r)
	}
	got, err := client.Contacts.Get(ctx, existing.ID)
	if err != nil || rolo.StringValue(got.FirstName) != "Janet" {
		t.Fatalf("after batch: %+v %v", got, err)
	}
}

func TestIntegrationImport(t *testing.T) {
	client, ctx := integrationClient(t), testContext(t)
	csvText := "Email,First Name,Plan\n" +
		email(t, "ann") + ",Ann,pro\n" +
		email(t, "bob") + ",Bob,free\n" +
		"not-an-email,Nobody,x\n"
	started, err := client.Contacts.Imports.Create(ctx, &rolo.CreateImportParams{
		File:       strings.NewReader(csvText),
		Filename:   "people.csv",
		Mapping:    map[string]string{"Plan": "metadata.plan"},
		OnConflict: "update",
	})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(started.ID, "imp_") || started.FileName != "people.csv" || started.FileSize != int64(len(csvText)) || started.Mapping["Plan"] != "metadata.plan" {
		t.Fatalf("started %+v", started)
	}

	done, err := client.Contacts.Imports.Wait(ctx, started.ID)
	if err != nil {
		t.Fatal(err)
	}
	if done.Status != "completed" || done.Created != 2 || done.FailedRows != 1 || done.TotalRows == nil || *done.TotalRows != 3 || done.FinishedAt == nil {
		t.Fatalf("finished %+v (error %s)", done, rolo.StringValue(done.Error))
	}

	rc, err := client.Contacts.Imports.Errors(ctx, started.ID)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(rc).ReadAll()
	rc.Close()
	if err != nil || len(rows) != 2 || strings.Join(rows[0], ",") != "line,row,reason" || !strings.Contains(rows[1][1], "not-an-email") {
		t.Fatalf("errors CSV %q %v", rows, err)
	}

	list, err := client.Contacts.Imports.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	listed := false
	for _, imp := range list.Data {
		listed = listed || (imp.ID == started.ID && imp.Status == "completed")
	}
	if !listed {
		t.Fatalf("imports list lacks %s: %+v", started.ID, list)
	}
	if _, err := client.Contacts.Imports.Cancel(ctx, started.ID); !errors.Is(err, rolo.ErrConflict) {
		t.Fatalf("cancel of a finished import: %v", err)
	}

	page, err := client.Contacts.List(ctx, &rolo.ListContactsParams{Email: email(t, "ann")})
	if err != nil || len(page.Data) != 1 || rolo.StringValue(page.Data[0].FirstName) != "Ann" || page.Data[0].Metadata["plan"] != "pro" {
		t.Fatalf("imported contact %+v %v", page, err)
	}
}

func TestIntegrationBulkAndExport(t *testing.T) {
	client, ctx := integrationClient(t), testContext(t)
	tag := "bulk-" + runID
	var ids, emails []string
	for i := 0; i < 3; i++ {
		c, err := client.Contacts.Create(ctx, &rolo.CreateContactParams{Email: email(t, fmt.Sprint("b", i))})
		if err != nil {
			t.Fatal(err)
		}
		ids, emails = append(ids, c.ID), append(emails, rolo.StringValue(c.Email))
	}

	job, err := client.Contacts.Bulk.Tag(ctx, &rolo.BulkParams{IDs: ids, Add: []string{tag}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(job.ID, "job_") || job.Action != "tag" || job.Matched != 3 {
		t.Fatalf("job %+v", job)
	}
	done, err := client.Contacts.Bulk.Wait(ctx, job.ID)
	if err != nil || done.Status != "completed" || done.Processed != 3 || done.Progress != 1 {
		t.Fatalf("finished %+v %v", done, err)
	}
	got, err := client.Contacts.Get(ctx, ids[0])
	if err != nil || len(got.Tags) != 1 || got.Tags[0] != tag {
		t.Fatalf("tagged contact %+v %v", got, err)
	}

	preview, err := client.Contacts.Bulk.Unsubscribe(ctx, &rolo.BulkParams{Filter: &rolo.ContactFilter{Tag: []string{tag}}, ExcludeIDs: ids[:1], DryRun: true})
	if err != nil || !preview.DryRun || preview.Matched != 2 || len(preview.Sample) != 2 {
		t.Fatalf("dry run %+v %v", preview, err)
	}

	rc, err := client.Contacts.Export(ctx, &rolo.ExportContactsParams{ContactFilter: rolo.ContactFilter{Tag: []string{tag}}})
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(rc)
	rc.Close()
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(string(body))).ReadAll()
	if err != nil || len(rows) != 4 || rows[0][0] != "id" {
		t.Fatalf("export %q %v", body, err)
	}
	for _, e := range emails {
		if !strings.Contains(string(body), e) {
			t.Fatalf("export lacks %s: %s", e, body)
		}
	}

	del, err := client.Contacts.Bulk.Delete(ctx, &rolo.BulkParams{Filter: &rolo.ContactFilter{Tag: []string{tag}}})
	if err != nil {
		t.Fatal(err)
	}
	if done, err := client.Contacts.Bulk.Wait(ctx, del.ID); err != nil || done.Status != "completed" {
		t.Fatalf("bulk delete %+v %v", done, err)
	}
	if _, err := client.Contacts.Get(ctx, ids[1]); !errors.Is(err, rolo.ErrNotFound) {
		t.Fatalf("after bulk delete: %v", err)
	}
}
