/* Import: the file input inside Dash's Upload is invisible. Name it for screen readers and
   leave keyboard focus to the visible "Välj fil …" button in the drop area, which opens
   the same file dialog. */
(function () {
    function nameFileInputs() {
        document.querySelectorAll('.upload-area input[type=file]:not([aria-label])')
            .forEach(function (input) {
                input.setAttribute('aria-label', 'Välj fil att importera');
                input.setAttribute('tabindex', '-1');
            });
    }
    new MutationObserver(nameFileInputs).observe(document.documentElement,
                                                 {childList: true, subtree: true});
})();
