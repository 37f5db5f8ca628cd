// The libedit line editor, secret reader and spinner.
