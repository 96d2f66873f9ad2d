package rolo

// Iter walks every item of a paginated list, fetching pages as needed. It stops when a page
// says has_more is false, or when the server repeats a cursor (which would loop forever).
type Iter[T any] struct {
	fetch   func(cursor string) (items []T, hasMore bool, next string, err error)
	items   []T
	index   int
	cursor  string
	seen    map[string]bool
	started bool
	done    bool
	err     error
}

func newIter[T any](fetch func(cursor string) ([]T, bool, string, error)) *Iter[T] {
	return &Iter[T]{fetch: fetch, seen: map[string]bool{}}
}

// Next advances to the next item, fetching the next page when needed. It returns false at the
// end or on an error (see Err).
func (it *Iter[T]) Next() bool {
	for {
		if it.index+1 < len(it.items) {
			it.index++
			return true
		}
		if it.done || it.err != nil {
			return false
		}
		if it.started && it.cursor == "" {
			it.done = true
			return false
		}
		items, hasMore, next, err := it.fetch(it.cursor)
		it.started = true
		if err != nil {
			it.err = err
			return false
		}
		it.items, it.index = items, -1
		if !hasMore || next == "" || it.seen[next] {
			it.done = true
		} else {
			it.seen[next] = true
			it.cursor = next
		}
	}
}

// Current returns the item Next moved to.
func (it *Iter[T]) Current() *T {
	if it.index < 0 || it.index >= len(it.items) {
		return nil
	}
	return &it.items[it.index]
}

// Err returns the error that stopped the iteration, if any.
func (it *Iter[T]) Err() error { return it.err }
