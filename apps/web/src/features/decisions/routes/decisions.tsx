// Scaffold: replaced by the page itself.
export function Component() {
  return null;
}
