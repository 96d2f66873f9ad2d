module github.com/rolo-dev/rolo-go

go 1.19
