# Build a static trackbot binary, then ship it alone on a minimal base.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# timetzdata embeds the time zone database, so workspaces in any IANA zone
# work without tzdata in the runtime image.
RUN CGO_ENABLED=0 go build -trimpath -tags timetzdata -ldflags "-s -w" -o /out/trackbot . \
    && mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/trackbot /usr/local/bin/trackbot
# The database lives on a volume owned by the nonroot user (uid 65532).
COPY --from=build --chown=65532:65532 /out/data /data
WORKDIR /data
VOLUME ["/data"]
ENV TRACKBOT_STORAGE_PATH=/data/trackbot.db
USER nonroot:nonroot
ENTRYPOINT ["/usr/local/bin/trackbot"]
CMD ["serve"]
