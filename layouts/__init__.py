"""One module per page (a `layout(**query_args)` and a `register(order)`), the shell, and
shared components. `layouts.pages` lists the pages in the navigation's order."""
