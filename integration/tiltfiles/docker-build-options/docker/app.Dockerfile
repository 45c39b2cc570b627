FROM node:20 AS build
COPY . /srv
RUN yarn build
FROM node:20-slim AS runtime
COPY --from=build /srv /srv
