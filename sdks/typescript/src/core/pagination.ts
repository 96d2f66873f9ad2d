// A list call that awaits to one page and also iterates every item of every page:
//   const page = await rolo.contacts.list({ limit: 50 });
//   for await (const contact of rolo.contacts.list({ tag: "vip" })) { … }

/** The wire shape of a cursor-paginated page. */
export interface CursorPage<Item> {
  object: "list";
  data: Item[];
  has_more: boolean;
  next_cursor: string | null;
  /** Exact total of matches, on the first page only (contacts: unless counting would hold it up; see `total_estimate`). */
  total?: number;
}

export class PagePromise<Item, Page extends CursorPage<Item> = CursorPage<Item>>
  implements PromiseLike<Page>, AsyncIterable<Item>
{
  private first?: Promise<Page>;

  /** `fetchPage(undefined)` is the first page; later pages pass the previous `next_cursor`. */
  constructor(private readonly fetchPage: (cursor: string | undefined) => Promise<Page>) {}

  // Nothing is sent until the page is awaited or iterated, so an unused list() cannot reject unhandled.
  private firstPage(): Promise<Page> {
    return (this.first ??= this.fetchPage(undefined));
  }

  then<A = Page, B = never>(
    onFulfilled?: ((page: Page) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.firstPage().then(onFulfilled, onRejected);
  }

  catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<Page | B> {
    return this.firstPage().catch(onRejected);
  }

  finally(onFinally?: (() => void) | null): Promise<Page> {
    return this.firstPage().finally(onFinally);
  }

  /** Every page in turn, until `has_more` is false or the server repeats a cursor. */
  async *pages(): AsyncGenerator<Page, void, undefined> {
    let page = await this.firstPage();
    const seen = new Set<string>();
    for (;;) {
      yield page;
      const cursor = page.next_cursor;
      if (!page.has_more || !cursor || seen.has(cursor)) return;
      seen.add(cursor);
      page = await this.fetchPage(cursor);
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    for await (const page of this.pages()) yield* page.data;
  }
}
