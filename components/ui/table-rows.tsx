// The body rows of a table fed by a query: loading, its error, an empty message, or the rows.
import type { ReactNode } from "react";

export function TableRows<T>({
  pending,
  error,
  rows,
  columns,
  empty,
  children,
}: {
  pending: boolean;
  error: Error | null;
  rows: T[] | undefined;
  columns: number;
  empty: ReactNode;
  children: (row: T) => ReactNode;
}) {
  const message = (text: ReactNode, className = "text-slate-500", role?: string) => (
    <tr>
      <td colSpan={columns} className={`px-3 py-6 text-center ${className}`} role={role}>
        {text}
      </td>
    </tr>
  );
  if (pending) return message("Loading…");
  if (error) return message(error.message, "text-red-700", "alert");
  if (!rows?.length) return message(empty);
  return <>{rows.map(children)}</>;
}
