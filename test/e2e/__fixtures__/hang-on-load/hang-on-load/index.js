// A module whose top-level await never settles: importing it never finishes.
await new Promise(() => {});
export default undefined;
