import { TextInput } from '@mantine/core';

interface FieldProps {
  value: string;
  onChange: (value: string) => void;
  readOnly?: boolean;
}

/** The address an agent signs in with; the browser offers the saved one. */
export function SignInEmail(props: FieldProps) {
  return (
    <TextInput
      label="Email"
      type="email"
      autoComplete="username"
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value)}
      autoFocus
      readOnly={props.readOnly}
    />
  );
}

/** The second step of a sign-in: an authenticator app's code or a recovery code. */
export function AuthenticationCode(props: FieldProps) {
  return (
    <TextInput
      label="Authentication code"
      description="The 6 digits your authenticator app shows, or a recovery code."
      autoComplete="one-time-code"
      inputMode="numeric"
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value)}
      autoFocus
      readOnly={props.readOnly}
    />
  );
}
