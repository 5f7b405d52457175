/** What a server action answers a form: field errors next to fields, other errors at the top. */
export interface FormState {
  ok?: boolean;
  /** Changes on each success, so that the form can announce it. */
  savedAt?: number;
  message?: string;
  formError?: string;
  fieldErrors?: Record<string, string>;
  /** The submitted values, to show again after an error. */
  values?: Record<string, unknown>;
}

export const idleForm: FormState = {};
