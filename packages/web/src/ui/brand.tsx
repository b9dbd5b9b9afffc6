/** Tocsin's mark (an alarm bell) and name. */
export function BrandMark() {
  return (
    <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill="#b91c1c" />
      <path d="M16 6a7 7 0 0 0-7 7v5l-2 3v1h18v-1l-2-3v-5a7 7 0 0 0-7-7zm-3 17a3 3 0 0 0 6 0z" fill="#fff" />
    </svg>
  );
}
