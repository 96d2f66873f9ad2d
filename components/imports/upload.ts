"use client";
import type { ImportView } from "@/lib/imports/schemas";
import { ApiClientError } from "@/lib/api-client";

/** XMLHttpRequest rather than fetch: it reports upload progress for large files. */
export function uploadImport(form: FormData, onProgress: (fraction: number) => void): Promise<ImportView> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/v1/contacts/import");
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      if (xhr.status === 202) return resolve(xhr.response as ImportView);
      const e = (xhr.response as { error?: { code: string; message: string } } | null)?.error;
      reject(new ApiClientError(xhr.status, e?.code ?? "internal_error", e?.message ?? `Upload failed (${xhr.status})`));
    };
    xhr.onerror = () => reject(new ApiClientError(0, "network_error", "The upload was interrupted. Check your connection and try again."));
    xhr.send(form);
  });
}
