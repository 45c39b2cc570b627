// UIButton (a clickable button in the web UI) and ToggleButton (an on/off button on a ConfigMap).
import type { ApiVersion, MicroTime, ObjectMeta } from '../meta.ts';

/** `Resource`: shown with one resource. `Global`: shown in the top navigation bar. */
export type ComponentType = 'Resource' | 'Global';

export interface UIComponentLocation {
  /** The resource name, or a global identifier. */
  componentID: string;
  componentType: ComponentType;
}

export interface UITextInputSpec {
  defaultValue?: string;
  placeholder?: string;
}

export interface UIBoolInputSpec {
  defaultValue?: boolean;
  /** The value sent when checked (default `true`). */
  trueString?: string;
  /** The value sent when unchecked (default `false`). */
  falseString?: string;
}

/** A fixed value sent with every click, not shown. */
export interface UIHiddenInputSpec {
  value: string;
}

export interface UIChoiceInputSpec {
  choices: string[];
}

/** One input shown with a button; exactly one of text/bool/hidden/choice is set. */
export interface UIInputSpec {
  /** Name the value is passed under (e.g. as an environment variable). */
  name: string;
  label: string;
  text?: UITextInputSpec;
  bool?: UIBoolInputSpec;
  hidden?: UIHiddenInputSpec;
  choice?: UIChoiceInputSpec;
}

export interface UIButtonSpec {
  location: UIComponentLocation;
  text: string;
  /** A Material icon name. */
  iconName?: string;
  /** An inline SVG; wins over iconName. */
  iconSVG?: string;
  disabled?: boolean;
  requiresConfirmation?: boolean;
  inputs?: UIInputSpec[];
}

export interface UITextInputStatus {
  value: string;
}

export interface UIBoolInputStatus {
  value: boolean;
}

export interface UIHiddenInputStatus {
  value: string;
}

export interface UIChoiceInputStatus {
  value: string;
}

/** The value of one input at the last click. */
export interface UIInputStatus {
  name: string;
  text?: UITextInputStatus;
  bool?: UIBoolInputStatus;
  hidden?: UIHiddenInputStatus;
  choice?: UIChoiceInputStatus;
}

/** The UI writes this on click; objects started or restarted on the button react to it. */
export interface UIButtonStatus {
  lastClickedAt?: MicroTime;
  inputs?: UIInputStatus[];
}

export interface UIButton {
  apiVersion: ApiVersion;
  kind: 'UIButton';
  metadata: ObjectMeta;
  spec: UIButtonSpec;
  status?: UIButtonStatus;
}

/** How the button looks in one of its two states. */
export interface ToggleButtonStateSpec {
  text: string;
  iconName?: string;
  iconSVG?: string;
  requiresConfirmation?: boolean;
}

/** Keeps the toggle's state in a ConfigMap key. */
export interface ConfigMapStateSource {
  name: string;
  key: string;
  /** Value meaning "on" (default `true`). */
  onValue?: string;
  /** Value meaning "off" (default `false`). */
  offValue?: string;
}

export interface StateSource {
  configMap?: ConfigMapStateSource;
}

export interface ToggleButtonSpec {
  location: UIComponentLocation;
  on: ToggleButtonStateSpec;
  off: ToggleButtonStateSpec;
  /** State used when the ConfigMap or key does not exist yet. */
  defaultOn: boolean;
  stateSource: StateSource;
}

export interface ToggleButtonStatus {
  error: string;
}

export interface ToggleButton {
  apiVersion: ApiVersion;
  kind: 'ToggleButton';
  metadata: ObjectMeta;
  spec: ToggleButtonSpec;
  status?: ToggleButtonStatus;
}
