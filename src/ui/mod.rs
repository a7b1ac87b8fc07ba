//! Panels and dialogs. Panels read the app's state and emit commands; they never mutate the
//! model behind the app's back.
