/* A short-link page (/t/<id>/, overrides/short-link.html): on to the term,
   replacing this page in the history so that Back does not land on the
   redirect. The meta refresh does the same without JavaScript. A file, not
   inline, for the Content-Security-Policy. */
location.replace(document.currentScript.getAttribute("data-target"));
