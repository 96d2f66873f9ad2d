package rolo

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"
)

// ContactFilter selects contacts: the one filter of lists, Export, bulk actions and segments.
// Every criterion must hold; tags must all be present. A zero ContactFilter matches every
// contact (bulk actions then need All: true, segments refuse it).
type ContactFilter struct {
	Search        string         // email, names or phone contain this text
	Email         string         // email contains this text
	Tag           []string       // has every one of these tags
	Status        string         // "subscribed" or "unsubscribed"
	Suppressed    *bool          // rolo.Bool(false) for only the unsuppressed
	HasEmail      *bool          // rolo.Bool(true): with an email; rolo.Bool(false): without one
	HasPhone      *bool          // rolo.Bool(true): with a phone; rolo.Bool(false): without one
	CreatedAfter  time.Time      // zero: no bound
	CreatedBefore time.Time      // zero: no bound
	UpdatedAfter  time.Time      // zero: no bound
	UpdatedBefore time.Time      // zero: no bound
	Metadata      MetadataFilter // conditions on metadata keys
	// Extra holds filters this SDK version does not know yet; they override typed fields.
	Extra map[string]any
}

// MetadataFilter holds conditions on top-level metadata keys, all of which must hold. A value
// (string, number, bool) means equality; a MetadataCondition names operators:
//
//	rolo.MetadataFilter{
//		"plan":  "pro",
//		"score": rolo.MetadataCondition{Gte: 10},
//		"tier":  rolo.MetadataCondition{In: []any{"gold", "silver"}},
//		"vip":   rolo.MetadataCondition{Exists: rolo.Bool(true)},
//	}
//
// Lists and exports send it as metadata[plan]=pro&metadata[score][gte]=10&…; bulk actions and
// segments as JSON. A map[string]any of operators ({"gte": 10}) works like a MetadataCondition.
type MetadataFilter map[string]any

// MetadataCondition is the operators on one metadata key; nil fields are left out. Ranges
// compare numbers as numbers, ISO dates (strings or time.Time) as instants, other text as text.
type MetadataCondition struct {
	Eq     any   `json:"eq,omitempty"`     // equal; 10 matches 10 and "10"
	Gt     any   `json:"gt,omitempty"`     // a number, an ISO date string or a time.Time
	Gte    any   `json:"gte,omitempty"`    // idem
	Lt     any   `json:"lt,omitempty"`     // idem
	Lte    any   `json:"lte,omitempty"`    // idem
	In     []any `json:"in,omitempty"`     // equal to any of these
	Exists *bool `json:"exists,omitempty"` // the key is present (true) or absent (false)
}

func (f ContactFilter) fields() map[string]any {
	m := map[string]any{}
	if f.Search != "" {
		m["search"] = f.Search
	}
	if f.Email != "" {
		m["email"] = f.Email
	}
	if len(f.Tag) > 0 {
		m["tag"] = f.Tag
	}
	if f.Status != "" {
		m["status"] = f.Status
	}
	for name, b := range map[string]*bool{"suppressed": f.Suppressed, "has_email": f.HasEmail, "has_phone": f.HasPhone} {
		if b != nil {
			m[name] = *b
		}
	}
	for name, t := range map[string]time.Time{"created_after": f.CreatedAfter, "created_before": f.CreatedBefore,
		"updated_after": f.UpdatedAfter, "updated_before": f.UpdatedBefore} {
		if !t.IsZero() {
			m[name] = timeText(t)
		}
	}
	if len(f.Metadata) > 0 {
		m["metadata"] = f.Metadata
	}
	for k, v := range f.Extra {
		m[k] = v
	}
	return m
}

// MarshalJSON encodes the filter as the JSON object bulk actions and segments take.
func (f ContactFilter) MarshalJSON() ([]byte, error) { return json.Marshal(f.fields()) }

// UnmarshalJSON reads a filter as the API returns it (a segment's filter). Keys this SDK version
// does not know go to Extra.
func (f *ContactFilter) UnmarshalJSON(data []byte) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	*f = ContactFilter{}
	for k, v := range raw {
		var err error
		switch k {
		case "search":
			err = json.Unmarshal(v, &f.Search)
		case "email":
			err = json.Unmarshal(v, &f.Email)
		case "tag":
			if err = json.Unmarshal(v, &f.Tag); err != nil {
				var one string
				if json.Unmarshal(v, &one) == nil {
					f.Tag, err = []string{one}, nil
				}
			}
		case "status":
			err = json.Unmarshal(v, &f.Status)
		case "suppressed":
			err = json.Unmarshal(v, &f.Suppressed)
		case "has_email":
			err = json.Unmarshal(v, &f.HasEmail)
		case "has_phone":
			err = json.Unmarshal(v, &f.HasPhone)
		case "created_after":
			err = json.Unmarshal(v, &f.CreatedAfter)
		case "created_before":
			err = json.Unmarshal(v, &f.CreatedBefore)
		case "updated_after":
			err = json.Unmarshal(v, &f.UpdatedAfter)
		case "updated_before":
			err = json.Unmarshal(v, &f.UpdatedBefore)
		case "metadata":
			f.Metadata, err = decodeMetadataFilter(v)
		default:
			var x any
			if err = decodeNumbers(v, &x); err == nil {
				if f.Extra == nil {
					f.Extra = map[string]any{}
				}
				f.Extra[k] = x
			}
		}
		if err != nil {
			return fmt.Errorf("rolo: decoding filter field %q: %w", k, err)
		}
	}
	return nil
}

// decodeMetadataFilter keeps numbers as json.Number, so they are sent back with their own digits.
func decodeMetadataFilter(data []byte) (MetadataFilter, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil || raw == nil {
		return nil, err
	}
	m := MetadataFilter{}
	for key, v := range raw {
		if t := bytes.TrimSpace(v); len(t) > 0 && t[0] == '{' {
			var c MetadataCondition
			if err := decodeNumbers(v, &c); err != nil {
				return nil, err
			}
			m[key] = c
			continue
		}
		var x any
		if err := decodeNumbers(v, &x); err != nil {
			return nil, err
		}
		m[key] = x
	}
	return m, nil
}

func decodeNumbers(data []byte, out any) error {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	return d.Decode(out)
}

// values encodes the filter as query parameters: tags repeat (tag=a&tag=b), metadata conditions
// become bracketed keys (metadata[score][gte]=10, metadata[plan][in]=pro,team).
func (f ContactFilter) values() (url.Values, error) {
	q := url.Values{}
	for k, v := range f.fields() {
		switch v := v.(type) {
		case MetadataFilter:
			if err := addMetadata(q, v); err != nil {
				return nil, err
			}
		case []string:
			q[k] = append([]string(nil), v...)
		default:
			q.Set(k, queryText(v))
		}
	}
	return q, nil
}

var metadataOps = []string{"eq", "gt", "gte", "lt", "lte", "in", "exists"}

func addMetadata(q url.Values, m MetadataFilter) error {
	for key, cond := range m {
		// A "]" would end the key early and turn the rest into an operator: another filter.
		if strings.Contains(key, "]") {
			return fmt.Errorf("rolo: metadata key %q cannot be sent in a query string (it contains \"]\")", key)
		}
		ops, isOps := operators(cond)
		if !isOps {
			if cond == nil {
				return fmt.Errorf("rolo: metadata[%s] is nil; match a missing key with MetadataCondition{Exists: rolo.Bool(false)}", key)
			}
			q.Set("metadata["+key+"]", queryText(cond))
			continue
		}
		names := make([]string, 0, len(ops))
		for op := range ops {
			names = append(names, op)
		}
		sort.Strings(names)
		for _, op := range names {
			name := "metadata[" + key + "][" + op + "]"
			if op != "in" {
				q.Set(name, queryText(ops[op]))
				continue
			}
			values := ops[op].([]any)
			texts := make([]string, len(values))
			for i, v := range values {
				// The API splits `in` on commas, so a value holding one would match something else.
				if texts[i] = queryText(v); strings.Contains(texts[i], ",") {
					return fmt.Errorf("rolo: metadata[%s][in] cannot hold a value with a comma (%q) in a query string", key, texts[i])
				}
			}
			q.Set(name, strings.Join(texts, ","))
		}
	}
	return nil
}

// operators returns a condition's operators (nil ones left out), or false for a bare value.
func operators(cond any) (map[string]any, bool) {
	switch c := cond.(type) {
	case *MetadataCondition:
		if c == nil {
			return nil, false
		}
		return operators(*c)
	case MetadataCondition:
		ops := map[string]any{}
		for i, v := range []any{c.Eq, c.Gt, c.Gte, c.Lt, c.Lte} {
			if v != nil {
				ops[metadataOps[i]] = v
			}
		}
		if c.In != nil {
			ops["in"] = c.In
		}
		if c.Exists != nil {
			ops["exists"] = *c.Exists
		}
		return ops, true
	case map[string]any:
		ops := make(map[string]any, len(c))
		for op, v := range c {
			if op == "in" {
				v = anySlice(v)
			}
			ops[op] = v
		}
		return ops, true
	}
	return nil, false
}

// anySlice turns []string, []int… into []any; a single value becomes a list of one.
func anySlice(v any) []any {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Slice && rv.Kind() != reflect.Array {
		return []any{v}
	}
	out := make([]any, rv.Len())
	for i := range out {
		out[i] = rv.Index(i).Interface()
	}
	return out
}

func queryText(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case bool:
		return strconv.FormatBool(v)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case float32:
		return strconv.FormatFloat(float64(v), 'f', -1, 32)
	case time.Time:
		return timeText(v)
	case json.Number:
		return v.String()
	}
	switch reflect.ValueOf(v).Kind() {
	case reflect.Map, reflect.Slice, reflect.Array, reflect.Struct:
		if b, err := json.Marshal(v); err == nil {
			return string(b)
		}
	}
	return fmt.Sprint(v)
}

func timeText(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }
