"use client";
// Code examples in tabs (curl, TypeScript, Python, Go). Choosing a language switches every
// example on the page and is remembered, as readers usually want one language throughout.
import { useSyncExternalStore, type KeyboardEvent } from "react";
import { LANGUAGE_LABELS, LANGUAGES, type Language } from "@/lib/openapi/snippets";
import { useToast } from "@/components/ui/toast";

// The chosen language lives in localStorage; every CodeSamples on the page subscribes to it.
const STORAGE_KEY = "rolo.docs.language";
const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

function readLanguage(): Language {
  try {
    const saved = localStorage.getItem(STORAGE_KEY) as Language | null;
    return saved && LANGUAGES.includes(saved) ? saved : "curl";
  } catch {
    return "curl"; // storage disabled
  }
}

function choose(language: Language) {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // storage disabled: nothing to remember it in
  }
  for (const listener of listeners) listener();
}

export function CodeSamples({ id, label, samples }: { id: string; label: string; samples: Record<Language, string> }) {
  const language = useSyncExternalStore(subscribe, readLanguage, () => "curl" as const);
  const toast = useToast();
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (!step) return;
    const next = LANGUAGES[(LANGUAGES.indexOf(language) + step + LANGUAGES.length) % LANGUAGES.length];
    choose(next);
    document.getElementById(`${id}-tab-${next}`)?.focus();
  };
  return (
    <div className="overflow-hidden rounded-md border border-slate-200">
      <div className="flex items-center justify-between border-b border-slate-200 bg-slate-50 px-2">
        <div role="tablist" aria-label={label} className="flex">
          {LANGUAGES.map((l) => (
            <button
              key={l}
              id={`${id}-tab-${l}`}
              type="button"
              role="tab"
              aria-selected={l === language}
              aria-controls={`${id}-panel-${l}`}
              tabIndex={l === language ? 0 : -1}
              onClick={() => choose(l)}
              onKeyDown={onKeyDown}
              className={`px-3 py-2 text-sm focus-visible:outline-2 focus-visible:outline-indigo-600 ${
                l === language
                  ? "border-b-2 border-indigo-600 font-medium text-indigo-700"
                  : "text-slate-600 hover:text-slate-900"
              }`}
            >
              {LANGUAGE_LABELS[l]}
            </button>
          ))}
        </div>
        <button
          type="button"
          className="rounded px-2 py-1 text-xs text-slate-600 hover:bg-slate-200 focus-visible:outline-2 focus-visible:outline-indigo-600"
          onClick={async () => {
            await navigator.clipboard?.writeText(samples[language]).catch(() => {});
            toast("Copied to clipboard");
          }}
        >
          Copy<span className="sr-only"> {LANGUAGE_LABELS[language]} example</span>
        </button>
      </div>
      {LANGUAGES.map((l) => (
        <div key={l} id={`${id}-panel-${l}`} role="tabpanel" aria-labelledby={`${id}-tab-${l}`} hidden={l !== language}>
          <pre className="overflow-x-auto bg-slate-900 p-4 text-sm leading-relaxed text-slate-100">
            <code>{samples[l]}</code>
          </pre>
        </div>
      ))}
    </div>
  );
}
