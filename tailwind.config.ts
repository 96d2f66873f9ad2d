// Tailwind v4 reads its theme from app/globals.css (@theme); this file names the content roots
// for editors and tools that still look for it.
const config = {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}"],
};

export default config;
