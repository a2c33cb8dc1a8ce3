;;; eglot-quickfix.el --- driven by eglot.test.ts  -*- lexical-binding: t -*-
;; emacs --batch -l eglot-quickfix.el
;; Env: ALIASCOPE_LSP (server command, split on spaces), SH_FILE (the script to open).
;; Opens the script, waits for both kubectl diagnostics, applies the preferred quick fix through
;; `eglot-code-actions', saves. Exit status 0 on success, 1 on any failure.
(require 'cl-lib)
(require 'package)
(package-initialize) ; Debian's elpa-eglot lives under site-lisp/elpa
(require 'eglot)
(require 'flymake)

(defvar aq-file (getenv "SH_FILE"))
(defvar aq-cmd (split-string (getenv "ALIASCOPE_LSP")))

(defun aq-out (fmt &rest args) (princ (concat (apply #'format fmt args) "\n")))
(defun aq-finish (ok msg)
  (aq-out "%s: %s" (if ok "PASS" "FAIL") msg)
  (ignore-errors (eglot-shutdown (eglot-current-server)))
  (kill-emacs (if ok 0 1)))
(defun aq-wait (pred secs)
  "Pump the event loop until PRED holds or SECS pass."
  (let ((deadline (+ (float-time) secs)))
    (while (and (not (funcall pred)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (funcall pred)))
(defun aq-diag (code)
  (cl-find-if (lambda (d) (string-match-p (regexp-quote code) (flymake-diagnostic-text d)))
              (flymake-diagnostics)))

(condition-case err
    (progn
      (setq eglot-sync-connect 30 eglot-autoshutdown t)
      (add-to-list 'eglot-server-programs `(sh-mode . ,aq-cmd))
      (find-file aq-file)
      (unless (eq major-mode 'sh-mode) (sh-mode))
      ;; `eglot-ensure' and flymake's first run wait for post-command-hook, which --batch never runs.
      (apply #'eglot (eglot--guess-contact))
      (unless (eglot-current-server) (aq-finish nil "no eglot server"))
      (flymake-start)
      (unless (aq-wait (lambda () (and (aq-diag "function-read-before-alias") (aq-diag "alias-in-function"))) 30)
        (aq-finish nil "both diagnostics never arrived"))
      (dolist (d (flymake-diagnostics))
        (aq-out "diagnostic %d: %s" (line-number-at-pos (flymake-diagnostic-beg d)) (flymake-diagnostic-text d)))
      (goto-char (flymake-diagnostic-beg (aq-diag "function-read-before-alias")))
      (let ((tick (buffer-chars-modified-tick))
            ;; With several actions Eglot asks which one: answer with its default, the preferred fix.
            ;; A non-list `last-nonmenu-event' makes it ask through the minibuffer, not a popup menu.
            (last-nonmenu-event ?\r))
        (cl-letf (((symbol-function 'completing-read)
                   (lambda (prompt collection &rest args)
                     (dolist (c collection) (aq-out "menu: %s" (car c)))
                     (aq-out "%s" prompt)
                     (nth 4 args))))
          (eglot-code-actions (point) (1+ (point)) "quickfix" t))
        (unless (aq-wait (lambda () (/= tick (buffer-chars-modified-tick))) 10)
          (aq-finish nil "the quick fix did not change the buffer")))
      (save-buffer)
      (unless (aq-wait (lambda () (null (flymake-diagnostics))) 10)
        (aq-finish nil "diagnostics remain after the fix"))
      (aq-finish t "both diagnostics seen, quick fix applied, file saved"))
  (error (aq-finish nil (format "lisp error: %S" err))))
