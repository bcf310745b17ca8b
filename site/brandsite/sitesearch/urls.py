"""The public search page, inside the language prefix."""

app_name = "sitesearch"
urlpatterns = []
