// A custom button (UIButton): its inputs (text, bool, choice; hidden ones are sent as they are),
// an optional confirmation step, and the click, which writes the button's status as Tilt's UI
// does; whatever listens to the button (a Cmd's startOn) runs.
import type { UIButton, UIInputSpec, UIInputStatus } from '@slant/api';
import { ANNOTATIONS, BUTTON_TYPES } from '@slant/api';
import { useState } from 'react';
import { api } from '../app/api.ts';
import { useApp } from '../app/context.ts';

function initial(spec: UIInputSpec): string | boolean {
  if (spec.bool !== undefined) return spec.bool.defaultValue ?? false;
  if (spec.choice !== undefined) return spec.choice.choices[0] ?? '';
  if (spec.hidden !== undefined) return spec.hidden.value;
  return spec.text?.defaultValue ?? '';
}

function statusOf(spec: UIInputSpec, v: string | boolean): UIInputStatus {
  if (spec.bool !== undefined) return { name: spec.name, bool: { value: v === true } };
  if (spec.choice !== undefined) return { name: spec.name, choice: { value: String(v) } };
  if (spec.hidden !== undefined) return { name: spec.name, hidden: { value: String(v) } };
  return { name: spec.name, text: { value: String(v) } };
}

export function ButtonWidget({ button }: { button: UIButton }) {
  const { readOnly } = useApp();
  const specs = button.spec.inputs ?? [];
  const [values, setValues] = useState<(string | boolean)[]>(() => specs.map(initial));
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState('');
  const set = (i: number, v: string | boolean) =>
    setValues((vs) => vs.map((old, j) => (j === i ? v : old)));
  const click = () => {
    if (button.spec.requiresConfirmation === true && !confirming) {
      setConfirming(true);
      return;
    }
    setConfirming(false);
    api
      .click(
        button,
        specs.map((s, i) => statusOf(s, values[i] ?? '')),
        new Date(),
      )
      .then(() => setError(''))
      .catch((err: unknown) => setError((err as Error).message));
  };
  const disabled = readOnly || button.spec.disabled === true;
  return (
    <span className="uibutton" data-button={button.metadata.name}>
      {specs.map((s, i) =>
        s.hidden !== undefined ? null : (
          <span key={s.name} className="uibutton-input">
            {s.label || s.name}
            {s.bool !== undefined ? (
              <input
                type="checkbox"
                aria-label={s.label || s.name}
                checked={values[i] === true}
                onChange={(e) => set(i, e.target.checked)}
              />
            ) : s.choice !== undefined ? (
              <select
                aria-label={s.label || s.name}
                value={String(values[i])}
                onChange={(e) => set(i, e.target.value)}
              >
                {s.choice.choices.map((c) => (
                  <option key={c}>{c}</option>
                ))}
              </select>
            ) : (
              <input
                type="text"
                aria-label={s.label || s.name}
                placeholder={s.text?.placeholder ?? ''}
                value={String(values[i])}
                onChange={(e) => set(i, e.target.value)}
              />
            )}
          </span>
        ),
      )}
      <button type="button" disabled={disabled} onClick={click}>
        {confirming ? `Confirm ${button.spec.text}` : button.spec.text}
      </button>
      {confirming && (
        <button type="button" onClick={() => setConfirming(false)}>
          Cancel
        </button>
      )}
      {error !== '' && <span className="error">{error}</span>}
    </span>
  );
}

/** The user's buttons placed with one resource (not the ones the UI draws itself). */
export function resourceButtons(buttons: Iterable<UIButton>, name: string): UIButton[] {
  return [...buttons].filter(
    (b) =>
      b.metadata.annotations?.[ANNOTATIONS.buttonType] === undefined &&
      b.spec.location.componentType.toLowerCase() === 'resource' &&
      b.spec.location.componentID === name,
  );
}

/** The resource's Stop Build button (shown while it updates). */
export function stopButton(buttons: Iterable<UIButton>, name: string): UIButton | undefined {
  return [...buttons].find(
    (b) =>
      b.metadata.annotations?.[ANNOTATIONS.buttonType] === BUTTON_TYPES.stopBuild &&
      b.spec.location.componentID === name,
  );
}
