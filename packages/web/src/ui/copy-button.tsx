/** Copies a value to the clipboard and says so; falls back to selecting the text when the clipboard is unavailable. */
import { useState } from 'react';

export function CopyButton({ value, label = 'Copy', targetId }: { value: string; label?: string; targetId?: string }) {
  const [outcome, setOutcome] = useState<'idle' | 'copied' | 'failed'>('idle');

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setOutcome('copied');
    } catch {
      // Plain-HTTP origins have no clipboard API: select the text so Ctrl+C works.
      const target = targetId ? document.getElementById(targetId) : null;
      if (target) window.getSelection()?.selectAllChildren(target);
      setOutcome('failed');
    }
  }

  return (
    <span className="copy">
      <button type="button" className="button" onClick={() => void copy()}>
        {label}
      </button>
      <span role="status" className="copy-status">
        {outcome === 'copied' && 'Copied to the clipboard.'}
        {outcome === 'failed' && 'Copying is blocked here: the text is selected, press Ctrl+C (⌘C).'}
      </span>
    </span>
  );
}
