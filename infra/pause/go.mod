module slant.local/infra/pause

go 1.24.0
